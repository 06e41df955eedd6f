using Spool.Client;

namespace Spool.Cli.Infrastructure;

/// <summary>
/// Client properties from <c>--command-config</c> (a Java properties file) overridden by <c>--property key=value</c>,
/// in the Java clients' key names.
/// </summary>
internal sealed class ClientProperties
{
    private readonly Dictionary<string, string> _values;

    private ClientProperties(Dictionary<string, string> values) => _values = values;

    public IEnumerable<string> UnknownKeys => _values.Keys.Where(k => !ClientPropertySetters.IsKnown(k)).Order(StringComparer.Ordinal);

    public string? Get(string key) => _values.GetValueOrDefault(key);

    public static ClientProperties Load(string? file, IEnumerable<string> assignments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw CliException.Usage($"--command-config {file}: no such file");
            }

            foreach (var line in File.ReadLines(file))
            {
                if (ParseLine(line) is var (key, value))
                {
                    values[key] = value;
                }
            }
        }

        foreach (var assignment in assignments)
        {
            var (key, value) = ParseLine(assignment) ?? throw CliException.Usage($"--property {assignment}: expected key=value");
            values[key] = value;
        }

        return new ClientProperties(values);
    }

    /// <summary>Applies every property that exists for this kind of client.</summary>
    public void ApplyTo(ClientOptions options)
    {
        foreach (var (key, value) in _values)
        {
            ClientPropertySetters.Apply(options, key, value);
        }
    }

    /// <summary>A properties-file line: <c>key=value</c> or <c>key: value</c>; blank lines and <c>#</c>/<c>!</c> comments are skipped.</summary>
    private static (string Key, string Value)? ParseLine(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text[0] is '#' or '!')
        {
            return null;
        }

        var separator = text.IndexOfAny(['=', ':']);
        return separator <= 0 ? null : (text[..separator].Trim(), text[(separator + 1)..].Trim());
    }
}
