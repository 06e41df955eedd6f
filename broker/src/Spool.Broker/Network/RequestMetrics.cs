using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Spool.Broker.Observability;
using Spool.Protocol;

namespace Spool.Broker.Network;

/// <summary>
/// Per-API request counts, errors by Kafka error code, and latency.
/// <para>
/// Errors are counted from the response itself (every non-zero error code in it, at any depth) unless the API's
/// handler reports them through <see cref="RecordError"/>: the first such call switches the response walk off for
/// that API. A handler reports before it returns its response, so no error is counted twice. Produce reports
/// itself because acks=0 sends no response to walk.
/// </para>
/// </summary>
public sealed class RequestMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Histogram<double> _latency;
    private readonly ConcurrentDictionary<string, bool> _reportedByHandler = new(StringComparer.Ordinal);

    public RequestMetrics(BrokerMeter meter)
    {
        _requests = meter.Meter.CreateCounter<long>("spool_requests_total", description: "Requests handled (answered or failed), by API.");
        _errors = meter.Meter.CreateCounter<long>("spool_request_errors_total", description: "Error codes returned, by API and Kafka error name; a response with several failed partitions counts each.");
        _latency = meter.Meter.CreateHistogram<double>(
            "spool_request_duration_seconds",
            unit: "s",
            description: "Time from a request's decoding to its response, by API.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void Record(string api, IKafkaResponse? response, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("api", api);
        _requests.Add(1, tag);
        _latency.Record(elapsed.TotalSeconds, tag);
        if (response is not null && !_reportedByHandler.ContainsKey(api))
        {
            ResponseErrors.Count(response, this, api);
        }
    }

    /// <summary>For handlers that count their own errors (see the class remarks).</summary>
    public void RecordError(string api, ErrorCode code)
    {
        _reportedByHandler.TryAdd(api, true);
        CountError(api, (short)code);
    }

    /// <summary>A handler threw: the request counts, with UNKNOWN_SERVER_ERROR.</summary>
    public void RecordFailure(string api)
    {
        _requests.Add(1, new KeyValuePair<string, object?>("api", api));
        CountError(api, (short)ErrorCode.UnknownServerError);
    }

    internal void CountError(string api, short code) =>
        _errors.Add(1, new KeyValuePair<string, object?>("api", api), new KeyValuePair<string, object?>("error", ErrorCodeNames.Of(code)));
}
