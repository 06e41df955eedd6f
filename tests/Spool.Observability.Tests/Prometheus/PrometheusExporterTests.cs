using System.Diagnostics.Metrics;
using System.Globalization;

namespace Spool.Observability.Tests.Prometheus;

public sealed class PrometheusExporterTests
{
    [Fact]
    public void Counters_are_totals_with_help_and_type()
    {
        using var t = new TestMeter();
        var counter = t.Meter.CreateCounter<long>("requests_total", description: "Requests handled.");
        counter.Add(1, new KeyValuePair<string, object?>("api", "Fetch"));
        counter.Add(2, new KeyValuePair<string, object?>("api", "Fetch"));
        counter.Add(5, new KeyValuePair<string, object?>("api", "Produce"));

        t.Scrape().Should().Be(
            "# HELP requests_total Requests handled.\n" +
            "# TYPE requests_total counter\n" +
            "requests_total{api=\"Fetch\"} 3\n" +
            "requests_total{api=\"Produce\"} 5\n");
    }

    [Fact]
    public void A_counter_named_without_total_gets_the_suffix_and_floating_counters_keep_fractions()
    {
        using var t = new TestMeter();
        t.Meter.CreateCounter<double>("busy_seconds", description: "Busy time.").Add(0.25);
        t.Meter.CreateCounter<double>("busy_seconds_2", description: "Busy time.").Add(1);

        t.Samples().Should().Equal("busy_seconds_2_total 1", "busy_seconds_total 0.25");
    }

    [Fact]
    public void Up_down_counters_and_gauges_are_gauges()
    {
        using var t = new TestMeter();
        var open = t.Meter.CreateUpDownCounter<int>("open_connections", description: "Open.");
        open.Add(3);
        open.Add(-1);
        t.Meter.CreateGauge<double>("temperature", description: "Last reading.").Record(21.5);

        var text = t.Scrape();

        text.Should().Contain("# TYPE open_connections gauge\nopen_connections 2\n");
        text.Should().Contain("# TYPE temperature gauge\ntemperature 21.5\n");
    }

    [Fact]
    public void Observable_instruments_are_polled_at_each_scrape_and_vanished_series_are_dropped()
    {
        using var t = new TestMeter();
        var partitions = new List<int> { 0, 1 };
        var polls = 0;
        t.Meter.CreateObservableGauge(
            "partition_offset",
            () => { polls++; return partitions.Select(p => new Measurement<long>(p * 10, new KeyValuePair<string, object?>("partition", p))); },
            description: "Offset.");
        t.Meter.CreateObservableCounter("uptime_seconds", () => 7.5, description: "Up.");

        t.Samples().Should().Equal("partition_offset{partition=\"0\"} 0", "partition_offset{partition=\"1\"} 10", "uptime_seconds_total 7.5");
        partitions.Remove(0);
        t.Samples().Should().Equal("partition_offset{partition=\"1\"} 10", "uptime_seconds_total 7.5");
        polls.Should().Be(2);
    }

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline_and_help_escapes_backslash_and_newline()
    {
        using var t = new TestMeter();
        t.Meter.CreateCounter<long>("odd_total", description: "Line one\nand a \\ backslash \"quoted\".")
            .Add(1, new KeyValuePair<string, object?>("path", "C:\\dir \"x\"\nnext"));

        t.Scrape().Should().Be(
            "# HELP odd_total Line one\\nand a \\\\ backslash \"quoted\".\n" +
            "# TYPE odd_total counter\n" +
            "odd_total{path=\"C:\\\\dir \\\"x\\\"\\nnext\"} 1\n");
    }

    [Fact]
    public void Metric_and_label_names_are_sanitized()
    {
        using var t = new TestMeter();
        t.Meter.CreateUpDownCounter<long>("spool.queue-depth", description: "Depth.")
            .Add(4, new KeyValuePair<string, object?>("queue.name", "a"), new KeyValuePair<string, object?>("1st", "b"));

        t.Samples().Should().Equal("spool_queue_depth{queue_name=\"a\",_1st=\"b\"} 4");
    }

    [Fact]
    public void Label_values_of_other_types_are_formatted_invariantly()
    {
        using var t = new TestMeter();
        t.Meter.CreateCounter<long>("typed_total", description: "Typed.").Add(
            1,
            new KeyValuePair<string, object?>("int", 42),
            new KeyValuePair<string, object?>("double", 1.5),
            new KeyValuePair<string, object?>("bool", true),
            new KeyValuePair<string, object?>("null", null));

        t.Samples().Should().Equal("typed_total{int=\"42\",double=\"1.5\",bool=\"true\",null=\"\"} 1");
    }

    [Fact]
    public void Histograms_have_cumulative_buckets_ending_with_inf_then_sum_and_count()
    {
        using var t = new TestMeter();
        var histogram = t.Meter.CreateHistogram<double>(
            "latency_seconds",
            unit: "s",
            description: "Latency.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10] });
        var tag = new KeyValuePair<string, object?>("api", "Fetch");
        foreach (var value in new[] { 0.5, 1, 3, 7, 100 })
        {
            histogram.Record(value, tag);
        }

        t.Scrape().Should().Be(
            "# HELP latency_seconds Latency.\n" +
            "# TYPE latency_seconds histogram\n" +
            "latency_seconds_bucket{api=\"Fetch\",le=\"1\"} 2\n" +
            "latency_seconds_bucket{api=\"Fetch\",le=\"5\"} 3\n" +
            "latency_seconds_bucket{api=\"Fetch\",le=\"10\"} 4\n" +
            "latency_seconds_bucket{api=\"Fetch\",le=\"+Inf\"} 5\n" +
            "latency_seconds_sum{api=\"Fetch\"} 111.5\n" +
            "latency_seconds_count{api=\"Fetch\"} 5\n");
    }

    [Fact]
    public void Histograms_without_advice_use_the_prometheus_default_buckets_and_work_without_labels()
    {
        using var t = new TestMeter();
        t.Meter.CreateHistogram<long>("size_bytes", description: "Sizes.").Record(3);

        var samples = t.Samples();

        samples.Where(s => s.StartsWith("size_bytes_bucket", StringComparison.Ordinal)).Select(s => s.Split('"')[1])
            .Should().Equal("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf");
        samples.Should().Contain("size_bytes_bucket{le=\"2.5\"} 0").And.Contain("size_bytes_bucket{le=\"5\"} 1")
            .And.Contain("size_bytes_sum 3").And.Contain("size_bytes_count 1");
    }

    [Fact]
    public void Special_float_values_use_the_exposition_spelling()
    {
        using var t = new TestMeter();
        var values = new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-5, 123456789.125 };
        t.Meter.CreateObservableGauge(
            "values",
            () => values.Select((v, i) => new Measurement<double>(v, new KeyValuePair<string, object?>("i", i))),
            description: "Values.");

        t.Samples().Should().Equal(
            "values{i=\"0\"} NaN", "values{i=\"1\"} +Inf", "values{i=\"2\"} -Inf", "values{i=\"3\"} 1E-05", "values{i=\"4\"} 123456789.125");
    }

    [Fact]
    public void Families_are_ordered_by_name_and_series_by_labels_in_every_scrape()
    {
        using var t = new TestMeter();
        var b = t.Meter.CreateCounter<long>("b_total", description: "B.");
        var a = t.Meter.CreateCounter<long>("a_total", description: "A.");
        foreach (var topic in new[] { "zeta", "alpha", "mid" })
        {
            b.Add(1, new KeyValuePair<string, object?>("topic", topic));
        }

        a.Add(1);

        var first = t.Scrape();
        t.Samples().Should().Equal("a_total 1", "b_total{topic=\"alpha\"} 1", "b_total{topic=\"mid\"} 1", "b_total{topic=\"zeta\"} 1");
        t.Scrape().Should().Be(first);
    }

    [Fact]
    public void Instruments_of_other_meters_are_not_exported()
    {
        using var t = new TestMeter();
        using var other = new Meter("spool-test-other-" + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("foreign_total").Add(1);
        t.Meter.CreateCounter<long>("own_total", description: "Own.").Add(1);

        t.Samples().Should().Equal("own_total 1");
    }

    [Fact]
    public async Task Concurrent_recording_during_scrapes_loses_nothing_and_counters_never_go_back()
    {
        using var t = new TestMeter();
        var counter = t.Meter.CreateCounter<long>("events_total", description: "Events.");
        var histogram = t.Meter.CreateHistogram<double>("work_seconds", description: "Work.");
        const int Threads = 8;
        const int PerThread = 50_000;
        var labels = Enumerable.Range(0, 4).Select(i => new KeyValuePair<string, object?>("shard", "s" + i.ToString(CultureInfo.InvariantCulture))).ToArray();

        using var done = new CancellationTokenSource();
        var scraping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A dedicated thread: on a busy 2-core pool a queued scraper could start only after the writers finish.
        var scraper = Task.Factory.StartNew(
            () =>
            {
                var scrapes = 0;
                long last = 0;
                do
                {
                    var total = t.Samples().Where(s => s.StartsWith("events_total", StringComparison.Ordinal)).Sum(s => long.Parse(s.Split(' ')[1], CultureInfo.InvariantCulture));
                    total.Should().BeGreaterThanOrEqualTo(last);
                    last = total;
                    scrapes++;
                    scraping.TrySetResult();
                }
                while (!done.IsCancellationRequested);

                return scrapes;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await Task.WhenAny(scraping.Task, scraper);
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                counter.Add(1, labels[(thread + i) % labels.Length]);
                histogram.Record(0.001, labels[i % labels.Length]);
            }
        })));
        await done.CancelAsync();
        (await scraper).Should().BePositive();

        var samples = t.Samples();
        foreach (var label in labels)
        {
            samples.Should().Contain($"events_total{{shard=\"{label.Value}\"}} {Threads * PerThread / labels.Length}");
            samples.Should().Contain($"work_seconds_count{{shard=\"{label.Value}\"}} {Threads * PerThread / labels.Length}");
        }
    }
}
