using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Registry;
using Spool.KubeEmulator.Server;
using Spool.KubeEmulator.Storage;

namespace Spool.KubeEmulator.Api;

public sealed partial class ApiHandler
{
    /// <summary>
    /// A watch stream: newline-delimited WatchEvents. Without a resourceVersion (or "0") the current
    /// objects come first as ADDED; from a resourceVersion the retained history is replayed, or a 410
    /// ERROR event is sent if it was compacted away. Selectors turn objects that start or stop matching
    /// into ADDED/DELETED, as the watch cache does. Bookmarks are sent periodically when allowed.
    /// </summary>
    private async Task WatchAsync(HttpContext ctx, ResourceType t, string version, string? ns, string? name)
    {
        var query = ctx.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"].FirstOrDefault());
        var fields = Service.ParseFieldSelector(t, query["fieldSelector"].FirstOrDefault());
        var bookmarks = Flag(query, "allowWatchBookmarks");
        var rvText = query["resourceVersion"].FirstOrDefault() ?? "";
        var sendInitialParam = query["sendInitialEvents"].FirstOrDefault();
        var sendInitial = sendInitialParam is null ? rvText is "" or "0" : sendInitialParam == "true";
        var timeout = long.TryParse(query["timeoutSeconds"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var ts) && ts > 0
            ? TimeSpan.FromSeconds(ts)
            : (TimeSpan?)null;

        var channel = Channel.CreateUnbounded<StoreEvent>();
        void OnEvent(StoreEvent e)
        {
            if (e.Table == t.StorageTable && (ns is null || e.Namespace == ns))
            {
                channel.Writer.TryWrite(e);
            }
        }
        bool Matches(JsonObject o) => labels.Matches(o) && fields.Matches(o) && (string.IsNullOrEmpty(name) || Jn.Name(o) == name);

        IDisposable subscription;
        var initial = new List<JsonObject>();
        var replay = new List<StoreEvent>();
        long startRv;
        if (sendInitial)
        {
            var (items, rv, sub) = Service.Store.ListAndSubscribe(t.StorageTable, ns, OnEvent);
            initial = items.Where(Matches).ToList();
            startRv = rv;
            subscription = sub;
        }
        else
        {
            var requested = ResourceService.ParseRv(rvText);
            var watch = Service.Store.WatchFrom(requested, t.StorageTable, OnEvent);
            if (watch is null)
            {
                await StartStreamAsync(ctx);
                var gone = StatusBuilder.Gone($"too old resource version: {requested} ({Service.Store.OldestWatchableRv + 1})").ToStatus();
                await WriteEventAsync(ctx, "ERROR", gone);
                return;
            }
            replay = watch.Value.Replay.Where(e => ns is null || e.Namespace == ns).ToList();
            startRv = requested;
            subscription = watch.Value.Subscription;
        }

        using (subscription)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, emulator.Stopping);
            if (timeout is { } limit)
            {
                cts.CancelAfter(limit);
            }
            await StartStreamAsync(ctx);
            var lastRv = startRv;
            foreach (var o in initial)
            {
                await WriteEventAsync(ctx, "ADDED", ResourceService.ToServed(t, version, o));
            }
            if (sendInitial && sendInitialParam == "true" && bookmarks)
            {
                await WriteBookmarkAsync(ctx, t, version, startRv, initialEventsEnd: true);
            }
            foreach (var e in replay)
            {
                lastRv = e.Rv;
                await WriteStoreEventAsync(ctx, t, version, e, Matches);
            }
            try
            {
                while (!cts.IsCancellationRequested)
                {
                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
                    tick.CancelAfter(emulator.Options.BookmarkInterval);
                    StoreEvent? next = null;
                    try
                    {
                        next = await channel.Reader.ReadAsync(tick.Token);
                    }
                    catch (OperationCanceledException) when (!cts.IsCancellationRequested)
                    {
                        // Bookmark tick.
                    }
                    if (next is not null)
                    {
                        if (next.Rv > lastRv)
                        {
                            lastRv = next.Rv;
                            await WriteStoreEventAsync(ctx, t, version, next, Matches);
                        }
                        continue;
                    }
                    if (bookmarks)
                    {
                        // Advance to the global revision only when nothing for this watch is still queued.
                        var rv = Service.Store.Transact(_ => channel.Reader.Count == 0 ? Service.Store.CurrentRv : lastRv);
                        lastRv = Math.Max(lastRv, rv);
                        await WriteBookmarkAsync(ctx, t, version, lastRv, initialEventsEnd: false);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Timeout, client gone or emulator stopping: the stream just ends.
            }
        }
    }

    private static async Task StartStreamAsync(HttpContext ctx)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers.CacheControl = "no-cache, private";
        await ctx.Response.StartAsync();
        // Headers go out at once, as the apiserver flushes them: clients wait for them before acting.
        await ctx.Response.Body.FlushAsync();
    }

    private static async Task WriteStoreEventAsync(HttpContext ctx, ResourceType t, string version, StoreEvent e, Func<JsonObject, bool> matches)
    {
        var now = e.Type != StoreEventType.Deleted && matches(e.Object);
        var before = e.Type switch
        {
            StoreEventType.Deleted => matches(e.Object),
            StoreEventType.Modified => e.Previous is not null && matches(e.Previous),
            _ => false,
        };
        var type = (e.Type, before, now) switch
        {
            (StoreEventType.Added, _, true) => "ADDED",
            (StoreEventType.Modified, true, true) => "MODIFIED",
            (StoreEventType.Modified, false, true) => "ADDED",
            (StoreEventType.Modified, true, false) => "DELETED",
            (StoreEventType.Deleted, true, _) => "DELETED",
            _ => null,
        };
        if (type is not null)
        {
            await WriteEventAsync(ctx, type, ResourceService.ToServed(t, version, e.Object));
        }
    }

    private static Task WriteBookmarkAsync(HttpContext ctx, ResourceType t, string version, long rv, bool initialEventsEnd)
    {
        var meta = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }
        return WriteEventAsync(ctx, "BOOKMARK", new JsonObject { ["kind"] = t.Kind, ["apiVersion"] = t.ApiVersion(version), ["metadata"] = meta });
    }

    private static async Task WriteEventAsync(HttpContext ctx, string type, JsonObject obj)
    {
        var line = Jn.Serialize(new JsonObject { ["type"] = type, ["object"] = obj }) + "\n";
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line));
        await ctx.Response.Body.FlushAsync();
    }
}
