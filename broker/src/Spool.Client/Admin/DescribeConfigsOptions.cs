namespace Spool.Client.Admin;

/// <summary>Options of <see cref="KafkaAdminClient.DescribeConfigsAsync"/>.</summary>
public sealed class DescribeConfigsOptions : AdminOperationOptions
{
    public bool IncludeSynonyms { get; set; }

    /// <summary>Ask for each config's documentation and type (DescribeConfigs v3+).</summary>
    public bool IncludeDocumentation { get; set; }

    /// <summary>Only these config names (all when null).</summary>
    public IReadOnlyCollection<string>? ConfigNames { get; set; }
}
