using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Registry;

namespace Spool.KubeEmulator.Server;

public sealed partial class ResourceService
{
    public JsonObject Get(ResourceType t, string version, string? ns, string name)
    {
        var stored = Store.Get(t.StorageTable, ns, name) ?? throw StatusBuilder.NotFound(t, name);
        return ToServed(t, version, stored);
    }

    public JsonObject? TryGetStored(ResourceType t, string? ns, string name) => Store.Get(t.StorageTable, ns, name);

    public FieldSelector ParseFieldSelector(ResourceType t, string? text) =>
        FieldSelector.Parse(text, f => FieldLabels.IsSupported(t, f));

    public JsonObject List(ResourceType t, string version, string? ns, ListOptions o)
    {
        var fields = ParseFieldSelector(t, o.FieldSelectorText);
        List<JsonObject> items;
        long listRv;
        string? startAfter = null;
        if (!string.IsNullOrEmpty(o.Continue))
        {
            if (!string.IsNullOrEmpty(o.ResourceVersion) && o.ResourceVersion != "0")
            {
                throw StatusBuilder.BadRequest("specifying resource version is not allowed when using continue");
            }
            (listRv, startAfter) = DecodeContinue(o.Continue);
            items = Store.SnapshotAt(t.StorageTable, ns, listRv) ?? throw new ApiException(410, "Expired",
                "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
        }
        else if (o.ResourceVersionMatch == "Exact")
        {
            listRv = ParseRv(o.ResourceVersion);
            WaitForRv(listRv);
            items = Store.SnapshotAt(t.StorageTable, ns, listRv)
                ?? throw StatusBuilder.Gone($"too old resource version: {listRv} ({Store.OldestWatchableRv + 1})");
        }
        else
        {
            if (!string.IsNullOrEmpty(o.ResourceVersion) && o.ResourceVersion != "0")
            {
                WaitForRv(ParseRv(o.ResourceVersion));
            }
            (items, listRv) = Store.List(t.StorageTable, ns);
        }

        var filtered = items.Where(i => o.Labels.Matches(i) && fields.Matches(i));
        if (startAfter is not null)
        {
            filtered = filtered.Where(i => string.CompareOrdinal(KeyOf(i), startAfter) > 0);
        }
        var all = filtered.ToList();
        var page = all;
        string? next = null;
        // The watch cache serves resourceVersion=0 lists whole, ignoring limit; clients must cope.
        if (o.Limit > 0 && o.ResourceVersion != "0" && all.Count > o.Limit)
        {
            page = all.Take((int)o.Limit).ToList();
            next = EncodeContinue(listRv, KeyOf(page[^1]));
        }

        var meta = new JsonObject { ["resourceVersion"] = listRv.ToString(CultureInfo.InvariantCulture) };
        if (next is not null)
        {
            meta["continue"] = next;
            if (o.Labels.IsEmpty && fields.IsEmpty)
            {
                meta["remainingItemCount"] = all.Count - page.Count;
            }
        }
        var array = new JsonArray();
        foreach (var item in page)
        {
            var served = ToServed(t, version, item);
            if (!t.IsCustom)
            {
                // Typed lists omit each item's kind and apiVersion; only unstructured (custom) lists carry them.
                served.Remove("kind");
                served.Remove("apiVersion");
            }
            array.Add(served);
        }
        return new JsonObject
        {
            ["kind"] = t.ListKind,
            ["apiVersion"] = t.ApiVersion(version),
            ["metadata"] = meta,
            ["items"] = array,
        };
    }

    public static string KeyOf(JsonObject o) => $"{Jn.Namespace(o) ?? ""}/{Jn.Name(o)}";

    public static long ParseRv(string? rv) =>
        long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw StatusBuilder.BadRequest($"invalid resource version: {rv}");

    /// <summary>A resourceVersion from the future: wait briefly, then 504 like the apiserver.</summary>
    private void WaitForRv(long rv)
    {
        var deadline = DateTime.UtcNow.AddSeconds(3);
        while (Store.CurrentRv < rv)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new ApiException(504, "Timeout", $"Too large resource version: {rv}, current: {Store.CurrentRv}",
                    new JsonObject
                    {
                        ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ResourceVersionTooLarge", ["message"] = "Too large resource version" }),
                        ["retryAfterSeconds"] = 1,
                    });
            }
            Thread.Sleep(10);
        }
    }

    private static string EncodeContinue(long rv, string lastKey)
    {
        var token = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = rv, ["start"] = lastKey + "\u0000" };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(token.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static (long Rv, string StartAfter) DecodeContinue(string token)
    {
        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var o = Jn.ParseObject(Encoding.UTF8.GetString(Convert.FromBase64String(b64)));
            var start = Jn.Str(o, "start") ?? throw new FormatException();
            return (Jn.Long(o, "rv") ?? throw new FormatException(), start.TrimEnd('\u0000'));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw StatusBuilder.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }
}
