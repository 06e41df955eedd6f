using System.Globalization;

namespace Spool.Broker.Observability;

/// <summary>The <c>partition</c> label values, formatted once per partition number instead of once per scrape.</summary>
internal static class PartitionLabels
{
    private static string[] _cache = [];

    public static string Of(int partition)
    {
        var cache = Volatile.Read(ref _cache);
        if ((uint)partition < (uint)cache.Length)
        {
            return cache[partition];
        }

        if (partition < 0)
        {
            return partition.ToString(CultureInfo.InvariantCulture);
        }

        var grown = new string[Math.Max(partition + 1, cache.Length * 2)];
        cache.CopyTo(grown, 0);
        for (var i = cache.Length; i < grown.Length; i++)
        {
            grown[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        Volatile.Write(ref _cache, grown);
        return grown[partition];
    }
}
