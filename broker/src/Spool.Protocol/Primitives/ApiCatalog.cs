namespace Spool.Protocol;

/// <summary>Look-ups over the generated <see cref="All"/> table.</summary>
public static partial class ApiCatalog
{
    // Lazily built: static initializers of the two partial files run in no defined order.
    private static Dictionary<ApiKey, ApiInfo>? _byKey;

    private static Dictionary<ApiKey, ApiInfo> ByKey => _byKey ??= All.ToDictionary(a => a.Key);

    public static bool TryGet(ApiKey key, out ApiInfo info) => ByKey.TryGetValue(key, out info);

    public static ApiInfo Get(ApiKey key) =>
        ByKey.TryGetValue(key, out var info) ? info : throw new KeyNotFoundException($"API key {(short)key} is not defined");
}
