using System.Reflection;
using System.Text.Json.Nodes;
using Spool.Operator.Crds;
using Spool.Operator.Entities;
using Spool.Operator.Hosting;
using Spool.Operator.Reconcilers;
using Spool.Operator.Tests.Support;

namespace Spool.Operator.Tests.Crds;

/// <summary>docs/operator.md documents every field of the CRDs, every condition reason and every flag.</summary>
public sealed class DocsTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "operator.md"));

    public static TheoryData<string> FieldPaths()
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var crd in new[]
        {
            CrdGenerator.Generate<SpoolCluster, ClusterSpec, ClusterStatus>(),
            CrdGenerator.Generate<SpoolTopic, TopicSpec, TopicStatus>(),
            CrdGenerator.Generate<SpoolConsumerGroup, ConsumerGroupSpec, ConsumerGroupStatus>(),
        })
        {
            var root = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!;
            foreach (var part in new[] { "spec", "status" })
            {
                paths.UnionWith(Paths(root["properties"]![part]!, part));
            }
        }

        var data = new TheoryData<string>();
        foreach (var path in paths)
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FieldPaths))]
    public void Every_field_is_documented(string path) =>
        Docs.Should().Contain($"`{path}`", "docs/operator.md documents every field of the CRDs");

    [Fact]
    public void Every_reason_is_documented()
    {
        foreach (var reason in typeof(Reasons).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!))
        {
            Docs.Should().Contain($"`{reason}`", "docs/operator.md explains every condition reason");
        }
    }

    [Fact]
    public void Every_flag_is_documented()
    {
        foreach (var (flag, _) in OperatorOptionsParser.Flags)
        {
            Docs.Should().Contain($"--{flag}", "docs/operator.md lists every flag");
        }
    }

    private static IEnumerable<string> Paths(JsonNode schema, string path)
    {
        if (path.EndsWith(".conditions", StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var (name, child) in schema["properties"] as JsonObject ?? [])
        {
            var childPath = $"{path}.{name}";
            yield return childPath;
            foreach (var nested in Paths(child!, childPath))
            {
                yield return nested;
            }
        }

        if (schema["items"] is JsonObject { } items && items["properties"] is not null)
        {
            foreach (var nested in Paths(items, path + "[]"))
            {
                yield return nested;
            }
        }
    }
}
