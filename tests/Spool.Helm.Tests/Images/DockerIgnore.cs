using System.Text.RegularExpressions;

namespace Spool.Helm.Tests.Images;

/// <summary>
/// .dockerignore as the builder applies it to the context: a path is left out when it, or a directory above it,
/// matches a pattern ("*" within a path segment, "**" across segments). Negations ("!") are not used by this
/// repository, and refused so this reading stays the builder's.
/// </summary>
public sealed class DockerIgnore
{
    private readonly List<Regex> _patterns;

    private DockerIgnore(List<Regex> patterns) => _patterns = patterns;

    public static DockerIgnore Load(string path)
    {
        var patterns = new List<Regex>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('!'))
            {
                throw new NotSupportedException($"{path}: negated pattern '{line}' is not supported by this check");
            }

            var pattern = line.Trim('/');
            var regex = "^" + Regex.Escape(pattern)
                .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                .Replace(@"\*\*", ".*", StringComparison.Ordinal)
                .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
                .Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$";
            patterns.Add(new Regex(regex, RegexOptions.CultureInvariant));
        }

        return new DockerIgnore(patterns);
    }

    /// <summary>Whether a context-relative path (with '/' separators) is excluded.</summary>
    public bool Excludes(string relativePath)
    {
        var parts = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i <= parts.Length; i++)
        {
            var prefix = string.Join('/', parts.Take(i));
            if (_patterns.Exists(p => p.IsMatch(prefix)))
            {
                return true;
            }
        }

        return false;
    }
}
