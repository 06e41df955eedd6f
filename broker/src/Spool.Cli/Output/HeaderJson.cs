namespace Spool.Cli.Output;

/// <summary>A record header; the value is UTF-8 text, or base64 when <see cref="ValueEncoding"/> says so.</summary>
public sealed record HeaderJson(string Key, string? Value, string ValueEncoding);
