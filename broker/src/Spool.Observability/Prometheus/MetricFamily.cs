using System.Buffers;
using System.Text;

namespace Spool.Observability.Prometheus;

/// <summary>
/// One Prometheus metric family fed by one or more instruments of the same name: it aggregates recordings per
/// label set and renders HELP, TYPE and the samples.
/// </summary>
internal abstract class MetricFamily
{
    private readonly byte[] _header;

    protected MetricFamily(string name, string type, string? help)
    {
        Name = name;
        Type = type;
        NameUtf8 = Encoding.UTF8.GetBytes(name);
        var header = new StringBuilder();
        if (!string.IsNullOrEmpty(help))
        {
            header.Append("# HELP ").Append(name).Append(' ').Append(PrometheusText.EscapeHelp(help)).Append('\n');
        }

        header.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        _header = Encoding.UTF8.GetBytes(header.ToString());
    }

    public string Name { get; }

    /// <summary>counter, gauge or histogram.</summary>
    public string Type { get; }

    protected byte[] NameUtf8 { get; }

    public abstract void Record(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Writes the family; called under the exporter's collect lock.</summary>
    public abstract void Write(IBufferWriter<byte> output);

    protected void WriteHeader(IBufferWriter<byte> output) => PrometheusText.WriteRaw(output, _header);

    /// <summary>Writes <c>name{labels,extra} </c>, leaving the value to the caller.</summary>
    protected static void WriteSeriesPrefix(IBufferWriter<byte> output, ReadOnlySpan<byte> name, SeriesKey key, ReadOnlySpan<byte> extraLabel = default)
    {
        PrometheusText.WriteRaw(output, name);
        var hasLabels = key.Utf8.Length > 0;
        if (hasLabels || !extraLabel.IsEmpty)
        {
            PrometheusText.WriteRaw(output, "{"u8);
            PrometheusText.WriteRaw(output, key.Utf8);
            if (!extraLabel.IsEmpty)
            {
                if (hasLabels)
                {
                    PrometheusText.WriteRaw(output, ","u8);
                }

                PrometheusText.WriteRaw(output, extraLabel);
            }

            PrometheusText.WriteRaw(output, "}"u8);
        }

        PrometheusText.WriteRaw(output, " "u8);
    }
}
