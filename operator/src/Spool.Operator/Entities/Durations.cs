namespace Spool.Operator.Entities;

/// <summary>Prometheus durations ("30s", "5m", "1h30m"), as used in scrape intervals and alert rules' for.</summary>
public static class Durations
{
    public const string Pattern = "^([0-9]+(ms|s|m|h|d|w|y))+$";
}
