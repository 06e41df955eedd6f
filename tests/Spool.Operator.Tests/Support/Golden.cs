using System.Text.Json;
using Spool.Kubernetes.Serialization;
using Spool.Operator.Entities;
using Spool.Operator.Yaml;

namespace Spool.Operator.Tests.Support;

/// <summary>
/// Golden-file assertions: the builder's output as YAML must equal Golden/&lt;name&gt;. Run with SPOOL_UPDATE_GOLDEN=1
/// to rewrite the files after an intended change, then review the diff.
/// </summary>
public static class Golden
{
    public static readonly KubernetesSerializer Serializer = new(OperatorJsonContext.Default);

    public static void Matches<T>(string name, T value)
    {
        var node = JsonSerializer.SerializeToNode(value, Serializer.GetTypeInfo<T>());
        Text(name, YamlWriter.Write(node));
    }

    public static void Text(string name, string actual)
    {
        var path = Path.Combine(RepoPaths.Golden, name);
        if (Environment.GetEnvironmentVariable("SPOOL_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).Should().BeTrue($"the golden file {path} should exist (run the tests with SPOOL_UPDATE_GOLDEN=1 to create it)");
        actual.Should().Be(File.ReadAllText(path), $"the output should match {path} (after an intended change, rerun with SPOOL_UPDATE_GOLDEN=1 and review the diff)");
    }
}
