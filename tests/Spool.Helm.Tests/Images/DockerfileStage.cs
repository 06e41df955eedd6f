namespace Spool.Helm.Tests.Images;

/// <summary>A build stage: the FROM line's arguments and the instructions under it.</summary>
public sealed record DockerfileStage(string From, IReadOnlyList<DockerfileInstruction> Instructions)
{
    /// <summary>The base image, without --platform and "AS name".</summary>
    public string BaseImage => From.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(p => !p.StartsWith("--", StringComparison.Ordinal));

    public IEnumerable<DockerfileInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public DockerfileInstruction? Last(string keyword) => Instructions.LastOrDefault(i => i.Keyword == keyword);
}
