namespace Spool.Observability.Prometheus;

/// <summary>Prometheus metric and label name rules: anything outside the allowed characters becomes '_'.</summary>
internal static class MetricNames
{
    public const string CounterSuffix = "_total";

    /// <summary>A valid metric name: [a-zA-Z_:][a-zA-Z0-9_:]*.</summary>
    public static string SanitizeMetric(string name) => Sanitize(name, allowColon: true);

    /// <summary>A valid label name: [a-zA-Z_][a-zA-Z0-9_]*.</summary>
    public static string SanitizeLabel(string name) => Sanitize(name, allowColon: false);

    /// <summary>Counters end in _total (a counter instrument named without it gets the suffix).</summary>
    public static string CounterName(string name)
    {
        var sanitized = SanitizeMetric(name);
        return sanitized.EndsWith(CounterSuffix, StringComparison.Ordinal) ? sanitized : sanitized + CounterSuffix;
    }

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var valid = true;
        for (var i = 0; i < name.Length && valid; i++)
        {
            valid = IsValid(name[i], i == 0, allowColon);
        }

        if (valid)
        {
            return name;
        }

        var chars = new char[name.Length + (IsDigit(name[0]) ? 1 : 0)];
        var at = 0;
        if (IsDigit(name[0]))
        {
            chars[at++] = '_';
        }

        for (var i = 0; i < name.Length; i++)
        {
            chars[at++] = IsValid(name[i], false, allowColon) ? name[i] : '_';
        }

        return new string(chars);
    }

    private static bool IsValid(char c, bool first, bool allowColon) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (allowColon && c == ':') || (!first && IsDigit(c));

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
}
