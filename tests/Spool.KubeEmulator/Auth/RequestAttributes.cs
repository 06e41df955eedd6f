namespace Spool.KubeEmulator.Auth;

/// <summary>What is being asked, in the authorizer's terms (k8s.io/apiserver authorizer.Attributes).</summary>
public sealed record RequestAttributes(
    string Verb,
    bool IsResourceRequest,
    string Path,
    string Group = "",
    string Version = "",
    string Resource = "",
    string Subresource = "",
    string Namespace = "",
    string Name = "");
