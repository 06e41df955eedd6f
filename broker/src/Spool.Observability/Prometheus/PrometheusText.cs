using System.Buffers;
using System.Globalization;
using System.Text;

namespace Spool.Observability.Prometheus;

/// <summary>Escaping and number formatting of the text exposition format 0.0.4.</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    public static void AppendEscapedLabelValue(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    text.Append(@"\\");
                    break;
                case '"':
                    text.Append("\\\"");
                    break;
                case '\n':
                    text.Append(@"\n");
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }
    }

    /// <summary>HELP text escapes backslash and line feed (not quotes).</summary>
    public static string EscapeHelp(string help) => help.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    public static void WriteDouble(IBufferWriter<byte> output, double value)
    {
        ReadOnlySpan<byte> special = double.IsNaN(value) ? "NaN"u8
            : double.IsPositiveInfinity(value) ? "+Inf"u8
            : double.IsNegativeInfinity(value) ? "-Inf"u8
            : default;
        if (!special.IsEmpty)
        {
            WriteRaw(output, special);
            return;
        }

        // The default format is the shortest text that round-trips, which Prometheus parses (e.g. 1E-05).
        var span = output.GetSpan(32);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    public static void WriteLong(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    public static void WriteRaw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    public static string FormatBound(double bound) =>
        double.IsPositiveInfinity(bound) ? "+Inf" : bound.ToString(CultureInfo.InvariantCulture);
}
