namespace Spool.Monitoring.Tests.Support;

/// <summary>One PromQL target of a dashboard panel.</summary>
public sealed record DashboardQuery(string Panel, string RefId, string Expression, string DatasourceUid)
{
    public override string ToString() => $"{Panel} [{RefId}]: {Expression}";
}
