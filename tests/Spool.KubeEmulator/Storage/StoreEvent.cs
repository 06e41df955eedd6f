using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Storage;

/// <summary>
/// One committed change. Object is the stored state after the change (for Deleted: the last state with
/// the deletion's resourceVersion); Previous is the state before (null for Added). Never mutated.
/// </summary>
public sealed record StoreEvent(StoreEventType Type, long Rv, string Table, string? Namespace, string Name, JsonObject Object, JsonObject? Previous);
