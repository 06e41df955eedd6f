using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Api;

/// <summary>An API error that is answered as a metav1.Status body with its HTTP code.</summary>
public sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    public JsonObject ToStatus() => StatusBuilder.Failure(Code, Reason, Message, Details is null ? null : (JsonObject)Details.DeepClone());
}
