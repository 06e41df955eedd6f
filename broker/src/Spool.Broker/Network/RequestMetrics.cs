using System.Diagnostics.Metrics;
using Spool.Broker.Observability;
using Spool.Protocol;

namespace Spool.Broker.Network;

/// <summary>Per-API request counts, failures and latency.</summary>
public sealed class RequestMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _latency;

    public RequestMetrics(BrokerMeter meter)
    {
        _requests = meter.Meter.CreateCounter<long>("spool_requests_total", description: "Requests handled, by API.");
        _errors = meter.Meter.CreateCounter<long>("spool_request_errors_total", description: "Errors returned, by API and Kafka error code name.");
        _latency = meter.Meter.CreateHistogram<double>(
            "spool_request_duration_seconds",
            unit: "s",
            description: "Time from a request's arrival to its response, by API.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void Record(string api, IKafkaResponse? response, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("api", api);
        _requests.Add(1, tag);
        _latency.Record(elapsed.TotalSeconds, tag);
    }

    public void RecordError(string api, ErrorCode code) =>
        _errors.Add(1, new KeyValuePair<string, object?>("api", api), new KeyValuePair<string, object?>("error", code.ToString()));

    public void RecordFailure(string api) => RecordError(api, ErrorCode.UnknownServerError);
}
