using Spool.KubeEmulator.Auth;

namespace Spool.KubeEmulator.Server;

/// <summary>Per-request write settings (query parameters and identity).</summary>
public sealed class WriteOptions
{
    public UserInfo User { get; init; } = UserInfo.System;

    /// <summary>fieldManager query parameter, or null to derive one from the User-Agent.</summary>
    public string? FieldManager { get; init; }

    public string UserAgent { get; init; } = "";

    public bool DryRun { get; init; }

    public bool Force { get; init; }

    /// <summary>Strict, Warn (the default since Kubernetes 1.27) or Ignore.</summary>
    public string FieldValidation { get; init; } = "Warn";

    /// <summary>Warnings to return in Warning headers.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The manager name recorded in managedFields: explicit, else the User-Agent's product token.</summary>
    public string Manager
    {
        get
        {
            if (!string.IsNullOrEmpty(FieldManager))
            {
                return FieldManager;
            }
            var ua = UserAgent.Split('/', 2)[0].Trim();
            return ua.Length == 0 ? "unknown" : ua;
        }
    }

    public static WriteOptions Internal(string manager) => new() { FieldManager = manager };
}
