namespace Spool.Protocol;

/// <summary>One API's supported versions and where its flexible (tagged-field) versions begin.</summary>
public readonly record struct ApiInfo(ApiKey Key, string Name, short LowestVersion, short HighestVersion, short FlexibleFrom)
{
    public bool IsSupported(short version) => version >= LowestVersion && version <= HighestVersion;

    public bool IsFlexible(short version) => version >= FlexibleFrom;

    /// <summary>Request header v2 for flexible versions, v1 otherwise.</summary>
    public short RequestHeaderVersion(short version) => IsFlexible(version) ? (short)2 : (short)1;

    /// <summary>
    /// Response header v1 for flexible versions, v0 otherwise; ApiVersions always answers with v0 so
    /// that a client can read the answer before it knows which versions the server speaks (KIP-511).
    /// </summary>
    public short ResponseHeaderVersion(short version) =>
        Key == ApiKey.ApiVersions ? (short)0 : IsFlexible(version) ? (short)1 : (short)0;
}
