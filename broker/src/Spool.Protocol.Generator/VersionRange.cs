using System;
using System.Globalization;

namespace Spool.Protocol.Generator;

/// <summary>An inclusive range of protocol versions, written "3+", "3-9", "3" or "none".</summary>
internal readonly struct VersionRange
{
    public const short Open = short.MaxValue;

    public VersionRange(short lowest, short highest)
    {
        Lowest = lowest;
        Highest = highest;
    }

    public short Lowest { get; }

    public short Highest { get; }

    public bool IsNone => Lowest > Highest;

    public static VersionRange None => new VersionRange(1, 0);

    public static VersionRange All => new VersionRange(0, Open);

    public static VersionRange Parse(string text)
    {
        if (text == "none")
        {
            return None;
        }

        if (text.EndsWith("+", StringComparison.Ordinal))
        {
            return new VersionRange(short.Parse(text.Substring(0, text.Length - 1), CultureInfo.InvariantCulture), Open);
        }

        var dash = text.IndexOf('-');
        if (dash > 0)
        {
            return new VersionRange(
                short.Parse(text.Substring(0, dash), CultureInfo.InvariantCulture),
                short.Parse(text.Substring(dash + 1), CultureInfo.InvariantCulture));
        }

        var v = short.Parse(text, CultureInfo.InvariantCulture);
        return new VersionRange(v, v);
    }

    public static bool TryParse(string text, out VersionRange range)
    {
        try
        {
            range = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            range = None;
            return false;
        }
        catch (OverflowException)
        {
            range = None;
            return false;
        }
    }

    public VersionRange Intersect(VersionRange other) =>
        new VersionRange(Math.Max(Lowest, other.Lowest), Math.Min(Highest, other.Highest));

    public bool Contains(VersionRange other) => other.IsNone || (other.Lowest >= Lowest && other.Highest <= Highest);

    /// <summary>C# condition that is true when <paramref name="variable"/> lies in this range, given the message's own range.</summary>
    public string Condition(string variable, VersionRange within)
    {
        var r = Intersect(within);
        if (r.IsNone)
        {
            return "false";
        }

        var lowTest = r.Lowest > within.Lowest;
        var highTest = r.Highest < within.Highest;
        if (lowTest && highTest)
        {
            return r.Lowest == r.Highest
                ? $"{variable} == {r.Lowest}"
                : $"{variable} >= {r.Lowest} && {variable} <= {r.Highest}";
        }

        if (lowTest)
        {
            return $"{variable} >= {r.Lowest}";
        }

        return highTest ? $"{variable} <= {r.Highest}" : "true";
    }

    public override string ToString() =>
        IsNone ? "none" : Highest == Open ? $"{Lowest}+" : Lowest == Highest ? $"{Lowest}" : $"{Lowest}-{Highest}";
}
