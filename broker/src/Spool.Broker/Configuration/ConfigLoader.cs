namespace Spool.Broker.Configuration;

/// <summary>
/// Builds a <see cref="BrokerConfig"/> from the command line and environment:
/// <c>spool-broker [server.properties] [--override key=value]...</c> plus <c>SPOOL_KEY=value</c> variables.
/// </summary>
public static class ConfigLoader
{
    private const string EnvPrefix = "SPOOL_";

    public static BrokerConfig Load(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var values = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var i = 0;
        if (args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            var path = args[0];
            if (!File.Exists(path))
            {
                throw new BrokerConfigException($"Properties file {path} does not exist");
            }

            foreach (var (k, v) in PropertiesFile.Parse(File.ReadAllText(path)))
            {
                values[k] = new ConfigValue(v, ConfigOrigin.PropertiesFile);
            }

            i = 1;
        }

        for (; i < args.Count; i++)
        {
            if (args[i] != "--override")
            {
                throw new BrokerConfigException($"Unexpected argument '{args[i]}'. Usage: spool-broker [server.properties] [--override key=value]...");
            }

            if (i + 1 >= args.Count || !args[i + 1].Contains('=', StringComparison.Ordinal))
            {
                throw new BrokerConfigException("--override needs key=value");
            }

            var kv = args[++i];
            var eq = kv.IndexOf('=', StringComparison.Ordinal);
            values[kv[..eq].Trim()] = new ConfigValue(kv[(eq + 1)..], ConfigOrigin.CommandLine);
        }

        foreach (var (name, value) in environment)
        {
            if (!name.StartsWith(EnvPrefix, StringComparison.Ordinal) || name.Length == EnvPrefix.Length)
            {
                continue;
            }

            var key = name[EnvPrefix.Length..].ToLowerInvariant().Replace('_', '.');

            // Only known keys come from the environment: SPOOL_* is also used by tools (SPOOL_BOOTSTRAP).
            if (BrokerConfigKeys.TryGet(key, out _))
            {
                values[key] = new ConfigValue(value, ConfigOrigin.Environment);
            }
        }

        return new BrokerConfig(values);
    }

    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            result[(string)e.Key] = (string?)e.Value ?? string.Empty;
        }

        return result;
    }
}
