using System.Net;
using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Tests;

public sealed class RbacTests : EmulatorTest
{
    protected override KubeEmulatorOptions Options() => new() { EnableRbac = true };

    [Fact]
    public async Task Service_account_requests_outside_its_role_get_403_with_the_apiserver_message()
    {
        using var sa = new Kube(Api.CreateClient(Api.MintServiceAccountToken("default", "op")));
        var (code, body) = await sa.Get("/api/v1/namespaces/default/configmaps");
        code.Should().Be(HttpStatusCode.Forbidden);
        body["message"]!.GetValue<string>().Should().Be(
            "configmaps is forbidden: User \"system:serviceaccount:default:op\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\"");

        await K.Ok(K.Post("/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles", new
        {
            apiVersion = "rbac.authorization.k8s.io/v1", kind = "Role", metadata = new { name = "op" },
            rules = new object[]
            {
                new { apiGroups = new[] { "" }, resources = new[] { "configmaps" }, verbs = new[] { "get", "list", "watch", "create" } },
                new { apiGroups = new[] { "" }, resources = new[] { "secrets" }, verbs = new[] { "get" }, resourceNames = new[] { "allowed" } },
                new { apiGroups = new[] { "coordination.k8s.io" }, resources = new[] { "leases" }, verbs = new[] { "*" } },
                new { apiGroups = new[] { "apps" }, resources = new[] { "deployments/status" }, verbs = new[] { "patch" } },
            },
        }));
        await K.Ok(K.Post("/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", new
        {
            apiVersion = "rbac.authorization.k8s.io/v1", kind = "RoleBinding", metadata = new { name = "op" },
            roleRef = new { apiGroup = "rbac.authorization.k8s.io", kind = "Role", name = "op" },
            subjects = new[] { new { kind = "ServiceAccount", name = "op", @namespace = "default" } },
        }));

        await sa.Ok(sa.Get("/api/v1/namespaces/default/configmaps"));
        await sa.Ok(sa.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("mine")));
        var (deleteCode, deleteBody) = await sa.Delete("/api/v1/namespaces/default/configmaps/mine");
        deleteCode.Should().Be(HttpStatusCode.Forbidden);
        deleteBody["message"]!.GetValue<string>().Should().Be(
            "configmaps \"mine\" is forbidden: User \"system:serviceaccount:default:op\" cannot delete resource \"configmaps\" in API group \"\" in the namespace \"default\"");
        (await sa.Get("/api/v1/namespaces/other/configmaps")).Code.Should().Be(HttpStatusCode.Forbidden);
        (await sa.Get("/api/v1/namespaces/default/secrets/allowed")).Code.Should().Be(HttpStatusCode.NotFound, "allowed, and absent");
        (await sa.Get("/api/v1/namespaces/default/secrets/other")).Code.Should().Be(HttpStatusCode.Forbidden);
        (await sa.Get("/apis/coordination.k8s.io/v1/namespaces/default/leases")).Code.Should().Be(HttpStatusCode.OK);
        var (statusCode, statusBody) = await sa.Patch("/apis/apps/v1/namespaces/default/deployments/d", "application/merge-patch+json", "{}");
        statusCode.Should().Be(HttpStatusCode.Forbidden);
        statusBody["message"]!.GetValue<string>().Should().Contain("cannot patch resource \"deployments\" in API group \"apps\"");
        (await sa.Patch("/apis/apps/v1/namespaces/default/deployments/d/status", "application/merge-patch+json", "{}")).Code.Should().Be(HttpStatusCode.NotFound);
        var (clusterCode, clusterBody) = await sa.Get("/api/v1/namespaces");
        clusterCode.Should().Be(HttpStatusCode.Forbidden);
        clusterBody["message"]!.GetValue<string>().Should().EndWith("cannot list resource \"namespaces\" in API group \"\" at the cluster scope");
        (await sa.Get("/apis")).Code.Should().Be(HttpStatusCode.OK, "discovery is open to authenticated users");

        var denied = Api.Requests.Snapshot().Where(r => r.User == "system:serviceaccount:default:op" && r.StatusCode == 403).ToList();
        denied.Should().Contain(r => r.Verb == "delete" && r.Resource == "configmaps" && r.Name == "mine" && r.Namespace == "default");
        denied.Should().Contain(r => r.Verb == "patch" && r.Group == "apps" && r.Resource == "deployments" && r.Subresource == "");
    }

    [Fact]
    public async Task Cluster_role_bindings_grant_across_namespaces_and_rbac_can_be_switched_off()
    {
        var token = Api.MintServiceAccountToken("ops", "watcher");
        using var sa = new Kube(Api.CreateClient(token));
        await K.Ok(K.Post("/apis/rbac.authorization.k8s.io/v1/clusterroles", new
        {
            apiVersion = "rbac.authorization.k8s.io/v1", kind = "ClusterRole", metadata = new { name = "reader" },
            rules = new[] { new { apiGroups = new[] { "*" }, resources = new[] { "*/status", "pods" }, verbs = new[] { "get", "list" } } },
        }));
        await K.Ok(K.Post("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", new
        {
            apiVersion = "rbac.authorization.k8s.io/v1", kind = "ClusterRoleBinding", metadata = new { name = "reader" },
            roleRef = new { apiGroup = "rbac.authorization.k8s.io", kind = "ClusterRole", name = "reader" },
            subjects = new[] { new { kind = "Group", name = "system:serviceaccounts:ops" } },
        }));
        (await sa.Get("/api/v1/pods")).Code.Should().Be(HttpStatusCode.OK);
        (await sa.Get("/api/v1/namespaces/default/pods/x/status")).Code.Should().Be(HttpStatusCode.NotFound);
        (await sa.Get("/api/v1/namespaces/default/configmaps")).Code.Should().Be(HttpStatusCode.Forbidden);
        Api.RbacEnabled = false;
        (await sa.Get("/api/v1/namespaces/default/configmaps")).Code.Should().Be(HttpStatusCode.OK);

        var review = await sa.Ok(sa.Post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", new JsonObject
        {
            ["apiVersion"] = "authorization.k8s.io/v1", ["kind"] = "SelfSubjectAccessReview",
            ["spec"] = new JsonObject { ["resourceAttributes"] = new JsonObject { ["verb"] = "list", ["resource"] = "pods" } },
        }));
        review["status"]!["allowed"]!.GetValue<bool>().Should().BeTrue();
    }
}
