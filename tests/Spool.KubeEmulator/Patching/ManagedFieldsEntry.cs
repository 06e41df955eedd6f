namespace Spool.KubeEmulator.Patching;

/// <summary>One metadata.managedFields entry with its owned leaf paths.</summary>
public sealed class ManagedFieldsEntry
{
    public required string Manager { get; init; }

    public required string Operation { get; init; }

    public string ApiVersion { get; set; } = "";

    public string? Time { get; set; }

    public string? Subresource { get; init; }

    public HashSet<string> Fields { get; set; } = new(StringComparer.Ordinal);

    public bool SameIdentity(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && (Subresource ?? "") == (subresource ?? "");

    /// <summary>How conflict messages name a manager (structured-merge-diff's printManager).</summary>
    public string Display => Operation == "Update" ? $"\"{Manager}\" using {ApiVersion}" : $"\"{Manager}\"";
}
