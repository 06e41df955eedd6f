using System.Text;
using System.Text.RegularExpressions;

namespace Spool.Helm.Tests.Images;

/// <summary>
/// A Dockerfile read the way the builder reads it: line continuations joined, comment lines dropped, instructions
/// grouped into stages at each FROM.
/// </summary>
public sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerfileStage> stages)
    {
        Path = path;
        Stages = stages;
    }

    public string Path { get; }

    public IReadOnlyList<DockerfileStage> Stages { get; }

    public DockerfileStage Build => Stages[0];

    public DockerfileStage Runtime => Stages[^1];

    public static Dockerfile Load(string path)
    {
        var stages = new List<DockerfileStage>();
        var pending = new StringBuilder();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.TrimStart();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1].TrimEnd()).Append(' ');
                continue;
            }

            pending.Append(line);
            var text = pending.ToString().Trim();
            pending.Clear();
            if (text.Length == 0)
            {
                continue;
            }

            var match = InstructionPattern().Match(text);
            if (!match.Success)
            {
                throw new FormatException($"{path}: cannot read '{text}'");
            }

            var instruction = new DockerfileInstruction(match.Groups[1].Value.ToUpperInvariant(), match.Groups[2].Value.Trim());
            if (instruction.Keyword == "FROM")
            {
                stages.Add(new DockerfileStage(instruction.Arguments, new List<DockerfileInstruction>()));
            }
            else if (instruction.Keyword == "ARG" && stages.Count == 0)
            {
                // An ARG before the first FROM only parameterizes FROM lines.
            }
            else
            {
                ((List<DockerfileInstruction>)stages[^1].Instructions).Add(instruction);
            }
        }

        return new Dockerfile(path, stages);
    }

    [GeneratedRegex(@"^([A-Za-z]+)\s+(.*)$")]
    private static partial Regex InstructionPattern();
}
