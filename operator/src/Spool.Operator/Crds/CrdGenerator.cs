using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;
using Spool.Operator.Entities;
using Spool.Operator.Yaml;

namespace Spool.Operator.Crds;

/// <summary>
/// CustomResourceDefinitions generated from the entity types: names, scope, printer columns, status subresource and
/// the structural schema. <c>spool-operator generate-crds crds/</c> writes them; a test fails when crds/ is stale.
/// </summary>
public static class CrdGenerator
{
    public const string Header =
        "# Generated from the C# types in operator/src/Spool.Operator/Entities by\n" +
        "#   dotnet run --project operator/src/Spool.Operator -- generate-crds crds/\n" +
        "# Do not edit: change the types and regenerate.\n";

    private static readonly KubernetesSerializer Serializer = new(OperatorJsonContext.Default);

    /// <summary>File name to YAML text for every CRD, in a stable order.</summary>
    public static IReadOnlyList<(string FileName, string Yaml)> GenerateFiles() =>
    [
        File<SpoolCluster, ClusterSpec, ClusterStatus>(),
        File<SpoolTopic, TopicSpec, TopicStatus>(),
        File<SpoolConsumerGroup, ConsumerGroupSpec, ConsumerGroupStatus>(),
    ];

    public static JsonObject Generate<TEntity, TSpec, TStatus>()
        where TEntity : KubernetesObject<TSpec, TStatus>, IKubernetesResource
        where TSpec : class
        where TStatus : class
    {
        var resource = TEntity.Resource;
        var entity = typeof(TEntity);
        var schemas = new SchemaBuilder(Serializer.Options);
        var root = new JsonObject
        {
            ["description"] = entity.GetCustomAttribute<DescriptionAttribute>()?.Description ?? resource.Kind,
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["description"] = "APIVersion defines the versioned schema of this representation of an object.", ["type"] = "string" },
                ["kind"] = new JsonObject { ["description"] = "Kind is a string value representing the REST resource this object represents.", ["type"] = "string" },
                ["metadata"] = new JsonObject { ["type"] = "object" },
                ["spec"] = schemas.ForType(typeof(TSpec)),
                ["status"] = schemas.ForType(typeof(TStatus)),
            },
            ["required"] = new JsonArray("spec"),
        };
        var names = new JsonObject
        {
            ["kind"] = resource.Kind,
            ["listKind"] = resource.Kind + "List",
            ["plural"] = resource.Plural,
            ["singular"] = resource.Kind.ToLowerInvariant(),
        };
        if (entity.GetCustomAttribute<ShortNamesAttribute>() is { } shortNames)
        {
            names["shortNames"] = new JsonArray([.. shortNames.Names.Select(n => (JsonNode)JsonValue.Create(n))]);
        }

        names["categories"] = new JsonArray(SpoolApi.Category);
        var version = new JsonObject
        {
            ["name"] = resource.Version,
            ["served"] = true,
            ["storage"] = true,
            ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
            ["additionalPrinterColumns"] = new JsonArray([.. entity.GetCustomAttributes<PrinterColumnAttribute>().Select(PrinterColumn)]),
            ["schema"] = new JsonObject { ["openAPIV3Schema"] = root },
        };
        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{resource.Plural}.{resource.Group}",
                ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "spool", ["app.kubernetes.io/part-of"] = "spool" },
            },
            ["spec"] = new JsonObject
            {
                ["group"] = resource.Group,
                ["names"] = names,
                ["scope"] = resource.Namespaced ? "Namespaced" : "Cluster",
                ["versions"] = new JsonArray(version),
            },
        };
    }

    /// <summary>Writes every CRD into <paramref name="directory"/>; returns the paths written.</summary>
    public static IReadOnlyList<string> WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (fileName, yaml) in GenerateFiles())
        {
            var path = Path.Combine(directory, fileName);
            System.IO.File.WriteAllText(path, yaml);
            written.Add(path);
        }

        return written;
    }

    public static string FileName(ResourceType resource) => $"{resource.Group}_{resource.Plural}.yaml";

    private static (string, string) File<TEntity, TSpec, TStatus>()
        where TEntity : KubernetesObject<TSpec, TStatus>, IKubernetesResource
        where TSpec : class
        where TStatus : class =>
        (FileName(TEntity.Resource), Header + YamlWriter.Write(Generate<TEntity, TSpec, TStatus>()));

    private static JsonNode PrinterColumn(PrinterColumnAttribute column)
    {
        var result = new JsonObject { ["name"] = column.Name, ["type"] = column.Type, ["jsonPath"] = column.JsonPath };
        if (column.Description is { } description)
        {
            result["description"] = description;
        }

        if (column.Priority != 0)
        {
            result["priority"] = column.Priority;
        }

        return result;
    }
}
