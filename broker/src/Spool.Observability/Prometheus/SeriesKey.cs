using System.Globalization;
using System.Text;

namespace Spool.Observability.Prometheus;

/// <summary>
/// One label set of a metric family: the tag names and values exactly as recorded (for matching later
/// recordings without allocating) and their rendering as Prometheus label pairs, built once.
/// </summary>
internal sealed class SeriesKey
{
    public SeriesKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Names = new string[tags.Length];
        Values = new object?[tags.Length];
        var text = new StringBuilder();
        for (var i = 0; i < tags.Length; i++)
        {
            Names[i] = tags[i].Key;
            Values[i] = tags[i].Value;
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(MetricNames.SanitizeLabel(tags[i].Key)).Append("=\"");
            PrometheusText.AppendEscapedLabelValue(text, FormatValue(tags[i].Value));
            text.Append('"');
        }

        Hash = SeriesKeyComparer.HashOf(tags);
        Text = text.ToString();
        Utf8 = Encoding.UTF8.GetBytes(Text);
    }

    public string[] Names { get; }

    public object?[] Values { get; }

    public int Hash { get; }

    /// <summary>The label pairs without braces, e.g. <c>topic="orders",partition="0"</c>; empty when there are no labels.</summary>
    public string Text { get; }

    public byte[] Utf8 { get; }

    public static string FormatValue(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
