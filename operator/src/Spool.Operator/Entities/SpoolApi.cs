using Spool.Kubernetes.Client;

namespace Spool.Operator.Entities;

/// <summary>The API group every Spool custom resource is served in (ARCHITECTURE.md: group spool.dev, v1alpha1, category spool).</summary>
public static class SpoolApi
{
    public const string Group = "spool.dev";

    public const string Version = "v1alpha1";

    public const string ApiVersion = Group + "/" + Version;

    public const string Category = "spool";

    public static ResourceType Resource(string plural, string kind) => new(Group, Version, plural, kind, Namespaced: true);
}
