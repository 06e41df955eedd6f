using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;

namespace Spool.Kubernetes.Tests.Runtime;

public sealed class OwnerReferencesTests
{
    private static ConfigMap Owner(string uid = "u-1", string ns = "n") => new() { Metadata = new() { Name = "cluster", Namespace = ns, Uid = uid } };

    [Fact]
    public void SetController_adds_a_blocking_controller_reference()
    {
        var owned = new StatefulSet { Metadata = new() { Name = "sts", Namespace = "n" } };
        OwnerReferences.SetController(owned, Owner());
        var reference = owned.Metadata.OwnerReferences.Should().ContainSingle().Subject;
        reference.ApiVersion.Should().Be("v1");
        reference.Kind.Should().Be("ConfigMap");
        reference.Name.Should().Be("cluster");
        reference.Uid.Should().Be("u-1");
        reference.Controller.Should().BeTrue();
        reference.BlockOwnerDeletion.Should().BeTrue();
        OwnerReferences.IsControlledBy(owned, Owner()).Should().BeTrue();

        OwnerReferences.SetController(owned, Owner());
        owned.Metadata.OwnerReferences.Should().ContainSingle("setting it again is idempotent");
    }

    [Fact]
    public void A_second_controller_or_a_cross_namespace_owner_is_refused()
    {
        var owned = new StatefulSet { Metadata = new() { Name = "sts", Namespace = "n" } };
        OwnerReferences.SetController(owned, Owner());
        FluentActions.Invoking(() => OwnerReferences.SetController(owned, Owner("u-2"))).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => OwnerReferences.SetController(new StatefulSet { Metadata = new() { Name = "x", Namespace = "other" } }, Owner()))
            .Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => OwnerReferences.SetController(owned, new ConfigMap { Metadata = new() { Name = "no-uid", Namespace = "n" } }))
            .Should().Throw<ArgumentException>().WithMessage("*uid*");
    }
}
