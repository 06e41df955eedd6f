using System.Text;

namespace Spool.Operator.Monitoring;

/// <summary>
/// Adds label matchers to every Spool series selector of a PromQL expression (metrics named spool_*, recording rules
/// named spool:*, and up), so that one cluster's rules see only that cluster's series. A small tokenizer, not a
/// parser: it skips string literals, numbers and durations, and recognizes a selector by its metric name.
/// </summary>
public static class PromQlScope
{
    public static string Apply(string expression, IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        var matchers = string.Join(",", labels.Select(l => $"{l.Key}=\"{Escape(l.Value)}\""));
        var result = new StringBuilder(expression.Length + 64);
        var i = 0;
        while (i < expression.Length)
        {
            var c = expression[i];
            if (c is '"' or '\'' or '`')
            {
                var end = EndOfString(expression, i);
                result.Append(expression, i, end - i);
                i = end;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < expression.Length && char.IsAsciiDigit(expression[i + 1])))
            {
                var start = i;
                while (i < expression.Length && (char.IsAsciiLetterOrDigit(expression[i]) || expression[i] is '.' or '_'))
                {
                    i++;
                }

                result.Append(expression, start, i - start);
            }
            else if (IsIdentifierStart(c))
            {
                var start = i;
                while (i < expression.Length && IsIdentifierPart(expression[i]))
                {
                    i++;
                }

                var name = expression[start..i];
                result.Append(name);
                if (!IsSeriesName(name) || NextNonSpace(expression, i) == '(')
                {
                    continue;
                }

                var next = SkipSpaces(expression, i);
                if (next < expression.Length && expression[next] == '{')
                {
                    result.Append(expression, i, next - i).Append('{').Append(matchers);
                    i = next + 1;
                    if (NextNonSpace(expression, i) != '}')
                    {
                        result.Append(',');
                    }
                }
                else
                {
                    result.Append('{').Append(matchers).Append('}');
                }
            }
            else
            {
                result.Append(c);
                i++;
            }
        }

        return result.ToString();
    }

    private static bool IsSeriesName(string name) =>
        name.StartsWith("spool_", StringComparison.Ordinal) || name.StartsWith("spool:", StringComparison.Ordinal) || name == "up";

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':';

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static char NextNonSpace(string text, int i) => SkipSpaces(text, i) is var j && j < text.Length ? text[j] : '\0';

    private static int EndOfString(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length && text[i] != quote)
        {
            i += quote != '`' && text[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, text.Length);
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
