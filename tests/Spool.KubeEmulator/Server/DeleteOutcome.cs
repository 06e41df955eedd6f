using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Server;

/// <summary>The result of a delete: the response body and whether the object is gone already.</summary>
public sealed record DeleteOutcome(JsonObject Body, bool Removed);
