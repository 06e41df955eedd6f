using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Network;

/// <summary>The API version ranges a broker announced in its ApiVersions response, and negotiation against ours.</summary>
internal sealed class ApiVersionSet
{
    private readonly Dictionary<ApiKey, (short Min, short Max)> _ranges;

    public ApiVersionSet(IEnumerable<ApiVersionsResponse.ApiVersion> versions)
    {
        _ranges = [];
        foreach (var v in versions)
        {
            _ranges[(ApiKey)v.ApiKey] = (v.MinVersion, v.MaxVersion);
        }
    }

    public static ApiVersionSet Empty { get; } = new([]);

    public bool TryGetBrokerRange(ApiKey key, out (short Min, short Max) range) => _ranges.TryGetValue(key, out range);

    /// <summary>
    /// The highest version both this client and the broker speak, optionally capped (for callers whose logic
    /// only knows older semantics); <see cref="ErrorCode.UnsupportedVersion"/> when the ranges do not overlap.
    /// </summary>
    public short Negotiate(ApiKey key, short? maxVersion = null)
    {
        if (TryNegotiate(key, maxVersion, out var version))
        {
            return version;
        }

        var ours = ApiCatalog.TryGet(key, out var info) ? $"{info.LowestVersion}-{info.HighestVersion}" : "none";
        var theirs = _ranges.TryGetValue(key, out var range) ? $"{range.Min}-{range.Max}" : "none";
        throw new KafkaException(ErrorCode.UnsupportedVersion, $"{key}: the client speaks versions {ours}{(maxVersion is { } cap ? $" (capped at {cap})" : "")}, the broker {theirs}");
    }

    public bool TryNegotiate(ApiKey key, short? maxVersion, out short version)
    {
        version = -1;
        if (!ApiCatalog.TryGet(key, out var info) || !_ranges.TryGetValue(key, out var range))
        {
            return false;
        }

        var high = Math.Min(info.HighestVersion, range.Max);
        if (maxVersion is { } cap)
        {
            high = Math.Min(high, cap);
        }

        if (high < Math.Max(info.LowestVersion, range.Min))
        {
            return false;
        }

        version = (short)high;
        return true;
    }
}
