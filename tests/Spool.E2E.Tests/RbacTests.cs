using System.Text.Json;
using Spool.E2E.Tests.Harness;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Operator.Hosting;

namespace Spool.E2E.Tests;

/// <summary>The operator runs with exactly its declared permissions: nothing it does is refused, nothing it does is undeclared.</summary>
[Collection(SpoolCollection.Name)]
public sealed class RbacTests(SpoolFixture fixture)
{
    private SpoolEnvironment Env => fixture.Env;

    [Fact]
    public void No_request_of_the_operator_was_forbidden() =>
        Env.Api.Requests.Snapshot().Where(r => r.User == Env.OperatorUser && r.StatusCode == 403)
            .Select(r => $"{r.Verb} {r.Group}/{r.Resource}/{r.Subresource} {r.Namespace}/{r.Name}")
            .Should().BeEmpty("the operator's ClusterRole and Role ({0}) must cover every call", nameof(OperatorRbac));

    [Fact]
    public async Task Every_recorded_call_is_covered_by_the_declared_rules()
    {
        var rules = OperatorRbac.Rules.Concat(OperatorRbac.LeaseRules).ToList();
        var calls = new List<KubernetesCall>();
        foreach (var file in Directory.GetFiles(Env.Directory, "calls-*.jsonl"))
        {
            foreach (var line in await File.ReadAllLinesAsync(file))
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                string? Text(string name) => root.GetProperty(name).GetString();
                calls.Add(new KubernetesCall(Text("verb")!, Text("group") ?? "", Text("resource"), Text("subresource"), Text("namespace"), Text("name"), Text("nonResourcePath"), root.GetProperty("apply").GetBoolean()));
            }
        }

        calls.Should().NotBeEmpty();
        calls.Where(c => !PolicyRule.Allow(rules, c)).Select(c => c.ToString()).Should().BeEmpty();
    }
}
