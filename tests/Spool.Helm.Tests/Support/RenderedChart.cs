using System.Text.RegularExpressions;

namespace Spool.Helm.Tests.Support;

/// <summary>The objects `helm template` printed, parsed, in order.</summary>
public sealed partial class RenderedChart(IReadOnlyList<Manifest> manifests, string text)
{
    public IReadOnlyList<Manifest> Manifests { get; } = manifests;

    /// <summary>The text helm printed, for failure messages.</summary>
    public string Text { get; } = text;

    public IEnumerable<Manifest> OfKind(string kind) => Manifests.Where(m => m.Kind == kind);

    public Manifest Single(string kind, string name) =>
        Manifests.SingleOrDefault(m => m.Kind == kind && m.Name == name)
        ?? throw new InvalidOperationException($"no {kind} {name} among: {string.Join(", ", Manifests)}");

    /// <summary>Splits helm's output at document markers; each document keeps its "# Source:" template path.</summary>
    public static RenderedChart Parse(string text)
    {
        var manifests = new List<Manifest>();
        foreach (var chunk in DocumentSeparator().Split(text))
        {
            var source = SourceComment().Match(chunk) is { Success: true } match ? match.Groups[1].Value.Trim() : "";
            foreach (var document in YamlDocuments.Parse(chunk))
            {
                manifests.Add(new Manifest(source, document));
            }
        }

        return new RenderedChart(manifests, text);
    }

    [GeneratedRegex(@"^---[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^# Source: (.+)$", RegexOptions.Multiline)]
    private static partial Regex SourceComment();
}
