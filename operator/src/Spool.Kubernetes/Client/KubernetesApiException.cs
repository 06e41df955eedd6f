using System.Text.Json;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Client;

/// <summary>A non-success answer from the API server, with its decoded Status object.</summary>
public sealed class KubernetesApiException : Exception
{
    // The reasons the API defines; an unknown or missing reason falls back to the HTTP code, as client-go does.
    private static readonly HashSet<string> KnownReasons =
    [
        "Unauthorized", "Forbidden", "NotFound", "AlreadyExists", "Conflict", "Gone", "Invalid", "ServerTimeout",
        "StoreReadError", "Timeout", "TooManyRequests", "BadRequest", "MethodNotAllowed", "NotAcceptable",
        "RequestEntityTooLarge", "UnsupportedMediaType", "InternalError", "Expired", "ServiceUnavailable",
    ];

    public KubernetesApiException(ApiStatus status)
        : base(FormatMessage(status))
    {
        Status = status;
    }

    public KubernetesApiException(ApiStatus status, TimeSpan? retryAfter)
        : this(status)
    {
        RetryAfter = retryAfter;
    }

    public ApiStatus Status { get; }

    public int StatusCode => Status.Code ?? 0;

    public string? Reason => Status.Reason;

    public TimeSpan? RetryAfter { get; }

    public bool IsNotFound => Is("NotFound", 404);

    /// <summary>An update with a stale resourceVersion (or an apply conflict): re-read and try again.</summary>
    public bool IsConflict => Is("Conflict", 409);

    public bool IsAlreadyExists => Reason == "AlreadyExists";

    /// <summary>410: the requested resourceVersion or continue token was compacted ("Expired" or "Gone"); re-list.</summary>
    public bool IsGone => Reason is "Gone" or "Expired" || (!IsKnownReason && StatusCode == 410);

    public bool IsForbidden => Is("Forbidden", 403);

    public bool IsUnauthorized => Is("Unauthorized", 401);

    public bool IsInvalid => Is("Invalid", 422);

    public bool IsTooManyRequests => Is("TooManyRequests", 429);

    private bool IsKnownReason => Reason is { Length: > 0 } reason && KnownReasons.Contains(reason);

    /// <summary>Decodes a response body: the Status object when there is one, else a Status synthesized from the code.</summary>
    public static KubernetesApiException FromResponse(int statusCode, byte[] body, TimeSpan? retryAfter)
    {
        ApiStatus? status = null;
        try
        {
            if (body.Length > 0 && body[0] == (byte)'{')
            {
                status = JsonSerializer.Deserialize(body, KubernetesJsonContext.Default.ApiStatus);
                if (status?.Kind != "Status")
                {
                    status = null;
                }
            }
        }
        catch (JsonException)
        {
            status = null;
        }

        status ??= new ApiStatus
        {
            Kind = "Status",
            ApiVersion = "v1",
            Status = "Failure",
            Message = body.Length == 0 ? $"the server responded with HTTP {statusCode}" : System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 2048)),
            Reason = ReasonForCode(statusCode),
        };
        status.Code ??= statusCode;
        return new KubernetesApiException(status, retryAfter);
    }

    public static string ReasonForCode(int statusCode) => statusCode switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Gone",
        413 => "RequestEntityTooLarge",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "InternalError",
    };

    private static string FormatMessage(ApiStatus status) =>
        $"Kubernetes API error {status.Code} {status.Reason}: {status.Message}";

    private bool Is(string reason, int code) => Reason == reason || (!IsKnownReason && StatusCode == code);
}
