using Spool.Broker.Network;
using Spool.Broker.Observability;
using Spool.Observability.Prometheus;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Tests.Observability;

public sealed class RequestMetricsTests : IDisposable
{
    private readonly BrokerMeter _meter = new();
    private readonly PrometheusExporter _exporter;
    private readonly RequestMetrics _metrics;

    public RequestMetricsTests()
    {
        _exporter = new PrometheusExporter(i => ReferenceEquals(i.Meter, _meter.Meter));
        _metrics = new RequestMetrics(_meter);
    }

    [Fact]
    public void Every_error_code_in_a_response_counts_at_any_depth()
    {
        var response = new FetchResponse
        {
            ErrorCode = (short)ErrorCode.None,
            Responses =
            [
                new FetchResponse.FetchableTopicResponse
                {
                    Topic = "a",
                    Partitions =
                    [
                        new FetchResponse.PartitionData { PartitionIndex = 0, ErrorCode = (short)ErrorCode.NotLeaderOrFollower },
                        new FetchResponse.PartitionData { PartitionIndex = 1 },
                        new FetchResponse.PartitionData { PartitionIndex = 2, ErrorCode = (short)ErrorCode.NotLeaderOrFollower },
                    ],
                },
                new FetchResponse.FetchableTopicResponse
                {
                    Topic = "b",
                    Partitions = [new FetchResponse.PartitionData { ErrorCode = (short)ErrorCode.OffsetOutOfRange }],
                },
            ],
        };

        _metrics.Record("Fetch", response, TimeSpan.FromMilliseconds(3));

        Errors().Should().Equal(
            "spool_request_errors_total{api=\"Fetch\",error=\"NOT_LEADER_OR_FOLLOWER\"} 2",
            "spool_request_errors_total{api=\"Fetch\",error=\"OFFSET_OUT_OF_RANGE\"} 1");
        Sample("spool_requests_total{api=\"Fetch\"}").Should().Be("1");
        Sample("spool_request_duration_seconds_count{api=\"Fetch\"}").Should().Be("1");
    }

    [Fact]
    public void Top_level_error_codes_count_and_responses_without_errors_count_none()
    {
        _metrics.Record("JoinGroup", new JoinGroupResponse { ErrorCode = (short)ErrorCode.MemberIdRequired }, TimeSpan.Zero);
        _metrics.Record("JoinGroup", new JoinGroupResponse(), TimeSpan.Zero);
        _metrics.Record("ApiVersions", new ApiVersionsResponse(), TimeSpan.Zero);

        Errors().Should().Equal("spool_request_errors_total{api=\"JoinGroup\",error=\"MEMBER_ID_REQUIRED\"} 1");
        Sample("spool_requests_total{api=\"JoinGroup\"}").Should().Be("2");
    }

    [Fact]
    public void An_api_whose_handler_reports_its_errors_is_not_counted_twice()
    {
        var response = new ProduceResponse
        {
            Responses =
            [
                new ProduceResponse.TopicProduceResponse
                {
                    Name = "t",
                    PartitionResponses = [new ProduceResponse.PartitionProduceResponse { ErrorCode = (short)ErrorCode.CorruptMessage }],
                },
            ],
        };

        // What ProduceHandler does: report while building the response, then the dispatcher records it.
        _metrics.RecordError("Produce", ErrorCode.CorruptMessage);
        _metrics.Record("Produce", response, TimeSpan.Zero);
        _metrics.RecordError("Produce", ErrorCode.CorruptMessage);
        _metrics.Record("Produce", response, TimeSpan.Zero);

        Errors().Should().Equal("spool_request_errors_total{api=\"Produce\",error=\"CORRUPT_MESSAGE\"} 2");
    }

    [Fact]
    public void A_failed_handler_counts_a_request_with_unknown_server_error()
    {
        _metrics.RecordFailure("Metadata");

        Errors().Should().Equal("spool_request_errors_total{api=\"Metadata\",error=\"UNKNOWN_SERVER_ERROR\"} 1");
        Sample("spool_requests_total{api=\"Metadata\"}").Should().Be("1");
    }

    [Theory]
    [InlineData(ErrorCode.NotLeaderOrFollower, "NOT_LEADER_OR_FOLLOWER")]
    [InlineData(ErrorCode.UnknownServerError, "UNKNOWN_SERVER_ERROR")]
    [InlineData(ErrorCode.UnknownTopicOrPartition, "UNKNOWN_TOPIC_OR_PARTITION")]
    [InlineData(ErrorCode.KafkaStorageError, "KAFKA_STORAGE_ERROR")]
    [InlineData((ErrorCode)9999, "9999")]
    public void Error_labels_use_kafka_error_names(ErrorCode code, string name) =>
        ErrorCodeNames.Of(code).Should().Be(name);

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    private List<string> Errors() =>
        _exporter.CollectText().Split('\n').Where(l => l.StartsWith("spool_request_errors_total{", StringComparison.Ordinal)).ToList();

    private string Sample(string series) =>
        _exporter.CollectText().Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal))[(series.Length + 1)..];
}
