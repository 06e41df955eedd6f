using System.Text.Json.Nodes;
using Spool.Helm.Tests.Support;

namespace Spool.Helm.Tests;

/// <summary>values.yaml, values.schema.json, the chart README and the Cluster CRD describe the same values.</summary>
public sealed class ValuesDocumentationTests
{
    /// <summary>Sub-objects of cluster.* that are handed to the Cluster's spec as they are.</summary>
    public static TheoryData<string> ClusterSpecObjects => new() { "storage", "listener", "metrics", "pod", "podDisruptionBudget", "resources" };

    [Fact]
    public void Every_value_is_in_the_schema()
    {
        foreach (var path in Leaves(ChartFiles.ValuesYaml, ""))
        {
            SchemaAt(path).Should().NotBeNull($"values.yaml sets {path}, which values.schema.json does not describe");
        }
    }

    [Fact]
    public void Every_value_is_in_the_readme_table()
    {
        var readme = File.ReadAllText(ChartFiles.Chart("README.md"));
        foreach (var path in Leaves(ChartFiles.ValuesYaml, ""))
        {
            readme.Should().Contain($"`{path}`", $"charts/spool/README.md must document {path}");
        }
    }

    [Theory]
    [MemberData(nameof(ClusterSpecObjects))]
    public void Cluster_values_mirror_the_cluster_crd(string field)
    {
        var crd = YamlDocuments.Parse(File.ReadAllText(Path.Combine(ChartFiles.RepoCrds, "spool.dev_clusters.yaml"))).Single();
        var spec = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!.AsObject();
        var crdFields = (spec[field]!["properties"] as JsonObject ?? []).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        var valuesFields = ((SchemaAt($"cluster.{field}") as JsonObject)?["properties"] as JsonObject ?? []).Select(kv => kv.Key)
            .Where(k => k != "claims").Order(StringComparer.Ordinal).ToList();
        valuesFields.Should().Equal(crdFields, $"values.schema.json cluster.{field} must accept exactly the Cluster's spec.{field} fields (crds/spool.dev_clusters.yaml)");
    }

    [Fact]
    public void Cluster_values_are_cluster_spec_fields()
    {
        var crd = YamlDocuments.Parse(File.ReadAllText(Path.Combine(ChartFiles.RepoCrds, "spool.dev_clusters.yaml"))).Single();
        var spec = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!.AsObject();
        var values = ((SchemaAt("cluster") as JsonObject)!["properties"] as JsonObject)!.Select(kv => kv.Key).Except(["enabled", "name"]);
        values.Should().BeSubsetOf(spec.Select(kv => kv.Key), "every cluster.* value (but enabled and name) is a field of the Cluster's spec");
    }

    /// <summary>Paths of the leaves of values.yaml (an empty map or list is a leaf: users fill it in).</summary>
    private static IEnumerable<string> Leaves(JsonObject values, string prefix)
    {
        foreach (var (key, value) in values)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            if (value is JsonObject child && child.Count > 0 && path is not ("operator.resources" or "cluster.resources" or "operator.podSecurityContext" or "operator.securityContext"))
            {
                foreach (var leaf in Leaves(child, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static JsonNode? SchemaAt(string path)
    {
        JsonNode? node = ChartFiles.ValuesSchema;
        foreach (var part in path.Split('.'))
        {
            node = node?["properties"]?[part];
        }

        return node;
    }
}
