namespace Spool.Helm.Tests.Images;

/// <summary>One instruction: its keyword (upper case) and the rest of its (joined) lines.</summary>
public sealed record DockerfileInstruction(string Keyword, string Arguments);
