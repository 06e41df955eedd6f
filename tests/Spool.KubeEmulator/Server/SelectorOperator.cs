namespace Spool.KubeEmulator.Server;

public enum SelectorOperator
{
    Equals = 0,
    NotEquals = 1,
    In = 2,
    NotIn = 3,
    Exists = 4,
    DoesNotExist = 5,
    GreaterThan = 6,
    LessThan = 7,
}
