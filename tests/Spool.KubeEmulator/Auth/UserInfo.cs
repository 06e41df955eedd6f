namespace Spool.KubeEmulator.Auth;

/// <summary>An authenticated identity: user name and groups, as RBAC subjects see it.</summary>
public sealed record UserInfo(string Name, IReadOnlyList<string> Groups)
{
    /// <summary>The emulator's own controllers (garbage collector, kubelet, ...): never subject to RBAC.</summary>
    public static UserInfo System { get; } = new("system:kube-controller-manager", ["system:masters", "system:authenticated"]);

    public bool IsSuperUser => Groups.Contains("system:masters", StringComparer.Ordinal);
}
