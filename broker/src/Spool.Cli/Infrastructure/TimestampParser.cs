using System.Globalization;

namespace Spool.Cli.Infrastructure;

/// <summary>
/// Points in time on the command line: ISO-8601 (<c>2024-05-01T12:00:00Z</c>, <c>2024-05-01T14:00:00.250+02:00</c>,
/// <c>2024-05-01</c>) or epoch milliseconds. A time without a zone is UTC, so a script gives the same answer on
/// every machine (kafka-consumer-groups.sh would use the local zone).
/// </summary>
public static class TimestampParser
{
    public static bool TryParse(string text, out long epochMilliseconds)
    {
        var value = text.Trim();
        if (value.Length > 0 && value.All(char.IsAsciiDigit))
        {
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out epochMilliseconds);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time))
        {
            epochMilliseconds = time.ToUnixTimeMilliseconds();
            return epochMilliseconds >= 0;
        }

        epochMilliseconds = 0;
        return false;
    }

    public static string Format(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
