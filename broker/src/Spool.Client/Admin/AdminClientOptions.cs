namespace Spool.Client.Admin;

/// <summary>Settings of <see cref="KafkaAdminClient"/>.</summary>
public sealed class AdminClientOptions : ClientOptions
{
    /// <summary><c>default.api.timeout.ms</c>: how long an admin operation may take, retries included.</summary>
    public TimeSpan DefaultApiTimeout { get; set; } = TimeSpan.FromMinutes(1);

    internal override void Validate()
    {
        base.Validate();
        RequirePositive(DefaultApiTimeout, "default.api.timeout.ms");
    }
}
