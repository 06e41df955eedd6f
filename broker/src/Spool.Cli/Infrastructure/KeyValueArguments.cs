namespace Spool.Cli.Infrastructure;

/// <summary><c>key=value</c> option values (--config, --headers). Values may contain '=' and ',' (cleanup.policy=compact,delete).</summary>
internal static class KeyValueArguments
{
    public static List<KeyValuePair<string, string>> Parse(IEnumerable<string>? values, string option)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var value in values ?? [])
        {
            var separator = value.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw CliException.Usage($"{option} {value}: expected key=value");
            }

            pairs.Add(new(value[..separator].Trim(), value[(separator + 1)..]));
        }

        return pairs;
    }

    public static Dictionary<string, string> ParseUnique(IEnumerable<string>? values, string option)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Parse(values, option))
        {
            if (!result.TryAdd(key, value))
            {
                throw CliException.Usage($"{option}: {key} is given twice");
            }
        }

        return result;
    }
}
