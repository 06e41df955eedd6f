namespace Spool.Kubernetes.Client;

/// <summary>Where a resource is served: group ("" for core), version, plural, kind and scope.</summary>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>"/api/v1" for the core group, "/apis/{group}/{version}" otherwise.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
