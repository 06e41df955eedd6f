namespace Spool.KubeEmulator.Storage;

public enum StoreEventType
{
    Added = 0,
    Modified = 1,
    Deleted = 2,
}
