namespace Spool.KubeEmulator.Auth;

/// <summary>One API request as the emulator saw it: who asked for what, and the status code answered.</summary>
public sealed record RequestRecord(
    DateTimeOffset Time,
    string Method,
    string Path,
    string Verb,
    string Group,
    string Version,
    string Resource,
    string Subresource,
    string Namespace,
    string Name,
    string User,
    int StatusCode);
