namespace Spool.Broker.Observability;

/// <summary>
/// A set of observable instruments (polled at scrape time). Its instruments exist only once it is constructed, and
/// nothing else depends on it, so the host resolves every registration of this interface at start.
/// </summary>
public interface IObservableMetrics;
