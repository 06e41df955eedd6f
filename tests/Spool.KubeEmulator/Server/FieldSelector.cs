using System.Text;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Server;

/// <summary>
/// Field selectors (a=b, a==b, a!=b joined by commas). Each kind supports a fixed set of fields, as in
/// the apiserver; asking for any other field is a 400 "field label not supported".
/// </summary>
public sealed class FieldSelector
{
    private readonly List<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(List<(string, bool, string)> terms)
    {
        _terms = terms;
    }

    public static FieldSelector Everything { get; } = new([]);

    public bool IsEmpty => _terms.Count == 0;

    /// <summary>The value of an exact metadata.name match, which narrows authorization like the apiserver does.</summary>
    public string? RequiredName => _terms.Count(t => t.Field == "metadata.name" && t.Equal) == 1
        ? _terms.First(t => t.Field == "metadata.name" && t.Equal).Value
        : null;

    public static FieldSelector Parse(string? text, Func<string, bool> isSupported)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var terms = new List<(string, bool, string)>();
        foreach (var part in SplitUnescaped(text, ','))
        {
            var term = part.Trim();
            if (term.Length == 0)
            {
                continue;
            }
            int idx;
            bool equal;
            int opLen;
            if ((idx = term.IndexOf("!=", StringComparison.Ordinal)) >= 0)
            {
                equal = false;
                opLen = 2;
            }
            else if ((idx = term.IndexOf("==", StringComparison.Ordinal)) >= 0)
            {
                equal = true;
                opLen = 2;
            }
            else if ((idx = term.IndexOf('=', StringComparison.Ordinal)) >= 0)
            {
                equal = true;
                opLen = 1;
            }
            else
            {
                throw StatusBuilder.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            }
            var field = term[..idx].Trim();
            var value = Unescape(term[(idx + opLen)..].Trim());
            if (!isSupported(field))
            {
                throw StatusBuilder.BadRequest($"field label not supported: {field}");
            }
            terms.Add((field, equal, value));
        }
        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (field, equal, value) in _terms)
        {
            var actual = Lookup(obj, field);
            if ((actual == value) != equal)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Field values as the apiserver's field-label conversion renders them (absent = "").</summary>
    public static string Lookup(JsonObject obj, string field)
    {
        var node = Jn.Get(obj, field.TrimStart('.').Split('.'));
        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            _ => Jn.Serialize(node),
        };
    }

    private static IEnumerable<string> SplitUnescaped(string text, char separator)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                sb.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else if (text[i] == separator)
            {
                yield return sb.ToString();
                sb.Clear();
            }
            else
            {
                sb.Append(text[i]);
            }
        }
        yield return sb.ToString();
    }

    private static string Unescape(string s) => s.Replace("\\,", ",", StringComparison.Ordinal)
        .Replace("\\=", "=", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
}
