namespace Spool.KubeEmulator.Server;

public enum NameRule
{
    Subdomain = 0,
    Label = 1,
    Dns1035Label = 2,
    PathSegment = 3,
}
