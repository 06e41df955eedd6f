namespace Spool.KubeEmulator.Patching;

public enum ManagedOperation
{
    Update = 0,
    Apply = 1,
}
