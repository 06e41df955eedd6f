namespace Spool.Client.Admin;

/// <summary>One incremental change of a config.</summary>
public sealed record AlterConfigOp(string Name, string? Value, AlterConfigOpType Op = AlterConfigOpType.Set)
{
    public static AlterConfigOp Set(string name, string value) => new(name, value);

    public static AlterConfigOp Delete(string name) => new(name, null, AlterConfigOpType.Delete);
}
