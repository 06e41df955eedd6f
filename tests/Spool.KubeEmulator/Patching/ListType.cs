namespace Spool.KubeEmulator.Patching;

/// <summary>x-kubernetes-list-type: how a list merges and how its items are owned in server-side apply.</summary>
public enum ListType
{
    Atomic = 0,
    Set = 1,
    Map = 2,
}
