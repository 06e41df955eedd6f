using System.Text;

namespace Spool.Broker.Configuration;

/// <summary>
/// Reads Java-style .properties files as Kafka's server.properties are written: key=value or key:value,
/// '#' and '!' comments, backslash line continuations and the common escapes.
/// </summary>
public static class PropertiesFile
{
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var logical = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = logical.Length == 0 ? raw.TrimStart() : raw.TrimStart();
            if (logical.Length == 0 && (line.Length == 0 || line[0] == '#' || line[0] == '!'))
            {
                continue;
            }

            if (EndsWithContinuation(line))
            {
                logical.Append(line, 0, line.Length - 1);
                continue;
            }

            logical.Append(line);
            AddEntry(result, logical.ToString());
            logical.Clear();
        }

        if (logical.Length > 0)
        {
            AddEntry(result, logical.ToString());
        }

        return result;
    }

    private static bool EndsWithContinuation(string line)
    {
        var slashes = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            slashes++;
        }

        return slashes % 2 == 1;
    }

    private static void AddEntry(Dictionary<string, string> result, string entry)
    {
        var split = -1;
        for (var i = 0; i < entry.Length; i++)
        {
            if (entry[i] == '\\')
            {
                i++;
                continue;
            }

            if (entry[i] is '=' or ':' or ' ' or '\t')
            {
                split = i;
                break;
            }
        }

        string key, value;
        if (split < 0)
        {
            key = entry;
            value = string.Empty;
        }
        else
        {
            key = entry[..split].TrimEnd();
            var rest = entry[(split + 1)..].TrimStart();
            if (entry[split] is ' ' or '\t' && rest.Length > 0 && rest[0] is '=' or ':')
            {
                rest = rest[1..].TrimStart();
            }

            value = rest;
        }

        result[Unescape(key)] = Unescape(value);
    }

    private static string Unescape(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i == s.Length - 1)
            {
                sb.Append(s[i]);
                continue;
            }

            var c = s[++i];
            switch (c)
            {
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 'f': sb.Append('\f'); break;
                case 'u' when i + 4 < s.Length:
                    sb.Append((char)Convert.ToInt32(s.Substring(i + 1, 4), 16));
                    i += 4;
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }
}
