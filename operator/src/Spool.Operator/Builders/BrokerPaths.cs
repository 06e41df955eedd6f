namespace Spool.Operator.Builders;

/// <summary>Where things live inside a broker container (the root filesystem is read-only).</summary>
public static class BrokerPaths
{
    /// <summary>Mount point of the broker's PersistentVolumeClaim.</summary>
    public const string Volume = "/var/lib/spool";

    /// <summary>log.dirs: a subdirectory, because a fresh volume's root may hold lost+found, which is not a partition.</summary>
    public const string LogDir = Volume + "/data";

    public const string ConfigDirectory = "/etc/spool";

    public const string PropertiesFileName = "server.properties";

    public const string PropertiesFile = ConfigDirectory + "/" + PropertiesFileName;

    public const string Tmp = "/tmp";
}
