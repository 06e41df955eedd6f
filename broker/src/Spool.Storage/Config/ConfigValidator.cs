using System.Globalization;

namespace Spool.Storage;

/// <summary>Range and valid-value rules of one config, with Kafka's wording for violations.</summary>
internal sealed record ConfigValidator(
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? ValidValues = null,
    Func<IReadOnlyList<string>, string?>? ListRule = null)
{
    public static ConfigValidator AtLeast(long min) => new(Min: min);

    public static ConfigValidator Between(double min, double max) => new(Min: min, Max: max);

    public static ConfigValidator OneOf(params string[] values) => new(ValidValues: values);

    /// <summary>The rule as Kafka's documentation prints it ("[1,...]", "[CreateTime, LogAppendTime]").</summary>
    public string Describe()
    {
        if (ValidValues is not null)
        {
            return "[" + string.Join(", ", ValidValues) + "]";
        }

        var min = Min is null ? "..." : Format(Min.Value);
        var max = Max is null ? "..." : Format(Max.Value);
        return $"[{min},{max}]";
    }

    /// <summary>Checks a parsed number; null when in range.</summary>
    public string? CheckNumber(double value)
    {
        if (Min is { } min && value < min)
        {
            return "Value must be at least " + Format(min);
        }

        if (Max is { } max && value > max)
        {
            return "Value must be no more than " + Format(max);
        }

        return null;
    }

    public string? CheckString(string value) =>
        ValidValues is null || ValidValues.Contains(value, StringComparer.Ordinal)
            ? null
            : "String must be one of: " + string.Join(", ", ValidValues);

    public string? CheckList(IReadOnlyList<string> items)
    {
        if (ValidValues is not null)
        {
            foreach (var item in items)
            {
                if (!ValidValues.Contains(item, StringComparer.Ordinal))
                {
                    return "String must be one of: " + string.Join(", ", ValidValues);
                }
            }
        }

        return ListRule?.Invoke(items);
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
