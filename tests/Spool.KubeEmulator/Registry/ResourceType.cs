using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Registry;

/// <summary>One served resource (group + plural) with the facts discovery, storage and validation need.</summary>
public sealed class ResourceType
{
    public required string Group { get; init; }

    /// <summary>Served versions, preferred first.</summary>
    public required IReadOnlyList<string> Versions { get; init; }

    public required string Kind { get; init; }

    public required string Plural { get; init; }

    public required bool Namespaced { get; init; }

    public string? StorageVersionOverride { get; init; }

    public string Singular { get; init; } = "";

    public string ListKind => Kind + "List";

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Whether a /status subresource exists (writes to the main resource then ignore .status).</summary>
    public bool HasStatus { get; init; }

    /// <summary>Whether metadata.generation is maintained (bumped on changes outside metadata and status).</summary>
    public bool TracksGeneration { get; init; }

    public bool IsCustom { get; init; }

    /// <summary>A custom resource whose CRD is being deleted: still readable, no longer creatable.</summary>
    public bool Terminating { get; init; }

    /// <summary>Extra subresources listed in discovery (status is implied by <see cref="HasStatus"/>).</summary>
    public IReadOnlyList<(string Name, string Kind, string[] Verbs)> ExtraSubresources { get; init; } = [];

    /// <summary>openAPIV3Schema per version for custom resources.</summary>
    public IReadOnlyDictionary<string, JsonObject> Schemas { get; init; } = new Dictionary<string, JsonObject>();

    public JsonArray? PrinterColumns { get; init; }

    /// <summary>Custom resources' selectableFields (JSON paths without the leading dot) usable in field selectors.</summary>
    public IReadOnlyList<string> SelectableFields { get; init; } = [];

    /// <summary>Key of the storage table; two resources may share one (core and events.k8s.io events).</summary>
    public string? StorageTableOverride { get; init; }

    public IVersionConverter? Converter { get; init; }

    public IReadOnlyList<string> Verbs { get; init; } = DefaultVerbs;

    public static readonly IReadOnlyList<string> DefaultVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public string StorageVersion => StorageVersionOverride ?? Versions[0];

    public string StorageTable => StorageTableOverride ?? $"{Group}/{Plural}";

    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ApiVersion(string version) => Group.Length == 0 ? version : $"{Group}/{version}";

    public bool Serves(string version) => Versions.Contains(version, StringComparer.Ordinal);

    public JsonObject? SchemaFor(string version) => Schemas.TryGetValue(version, out var s) ? s : null;
}
