using Spool.Cli.Commands.Consume;
using Spool.Cli.Commands.Groups;
using Spool.Cli.Commands.Produce;
using Spool.Cli.Infrastructure;

namespace Spool.Cli.Tests.Parsing;

public sealed class ParserTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1500", 1500)]
    [InlineData("1.5s", 1500)]
    public void Durations_take_units_or_milliseconds(string text, double milliseconds)
    {
        DurationParser.TryParse(text, out var duration).Should().BeTrue();
        duration.TotalMilliseconds.Should().Be(milliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5s")]
    [InlineData("5 parsecs")]
    public void Nonsense_durations_are_rejected(string text) => DurationParser.TryParse(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("2023-11-14T22:13:20Z", 1_700_000_000_000)]
    [InlineData("2023-11-14T22:13:20", 1_700_000_000_000)]
    [InlineData("2023-11-15T00:13:20.250+02:00", 1_700_000_000_250)]
    [InlineData("2023-11-14", 1_699_920_000_000)]
    [InlineData("1700000000000", 1_700_000_000_000)]
    public void Times_are_iso_8601_in_utc_unless_zoned_or_epoch_milliseconds(string text, long expected)
    {
        TimestampParser.TryParse(text, out var ms).Should().BeTrue();
        ms.Should().Be(expected);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2023-13-01")]
    public void Nonsense_times_are_rejected(string text) => TimestampParser.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void Topic_selections_name_partitions_and_ranges()
    {
        TopicSelection.Parse("orders").Should().Be(new TopicSelection("orders", null));
        TopicSelection.Parse("orders:3,0,5-7").Partitions.Should().Equal(0, 3, 5, 6, 7);
        var act = () => TopicSelection.Parse("orders:7-5");
        act.Should().Throw<CliException>().Which.ExitCode.Should().Be(ExitCodes.Usage);
        ((Action)(() => TopicSelection.Parse(":1"))).Should().Throw<CliException>();
    }

    [Fact]
    public void Line_records_split_at_the_first_key_separator()
    {
        var record = new LineRecordParser(":").Parse("t", "user:42:value")!;
        System.Text.Encoding.UTF8.GetString(record.Key!).Should().Be("user");
        System.Text.Encoding.UTF8.GetString(record.Value!).Should().Be("42:value");
        new LineRecordParser(null).Parse("t", "")!.Value.Should().BeEmpty("an empty line is an empty value, as in Kafka");
        ((Action)(() => new LineRecordParser(":").Parse("t", "nothing"))).Should().Throw<FormatException>();
    }

    [Fact]
    public void Json_records_accept_headers_as_object_or_list_and_base64_payloads()
    {
        var parser = new JsonRecordParser();
        var record = parser.Parse("t", """{"key":"k","value":"AAE=","valueEncoding":"base64","headers":{"a":"1"},"partition":2,"timestamp":5,"offset":99}""")!;
        record.Value.Should().Equal(0, 1);
        record.Headers!.Single().Key.Should().Be("a");
        record.Partition.Should().Be(2);
        record.Timestamp.Should().Be(5);

        var listed = parser.Parse("t", """{"value":null,"headers":[{"key":"h","value":"x"},{"key":"h","value":null}]}""")!;
        listed.Value.Should().BeNull();
        listed.Headers!.Select(h => h.Key).Should().Equal("h", "h");
        listed.Headers![1].Value.Should().BeNull();

        parser.Parse("t", "   ").Should().BeNull();
        ((Action)(() => parser.Parse("t", "[1,2]"))).Should().Throw<FormatException>();
        ((Action)(() => parser.Parse("t", """{"value":"x","valueEncoding":"rot13"}"""))).Should().Throw<FormatException>();
        ((Action)(() => parser.Parse("t", """{"partition":-1}"""))).Should().Throw<FormatException>();
    }

    [Fact]
    public void Bytes_are_text_when_valid_utf8_and_base64_otherwise()
    {
        EncodedText.Encode(new byte[] { 0x68, 0x69 }).Should().Be(("hi", "utf8"));
        EncodedText.Encode(new byte[] { 0xff, 0x00 }).Should().Be(("/wA=", "base64"));
        EncodedText.Encode(null).Should().Be(((string?)null, "utf8"));
    }

    [Fact]
    public void Consume_start_positions_follow_the_console_consumer()
    {
        StartPosition.From(false, null, null, hasGroup: false).Kind.Should().Be(StartKind.Latest);
        StartPosition.From(true, null, null, hasGroup: false).Kind.Should().Be(StartKind.Earliest);
        StartPosition.From(true, null, null, hasGroup: true).Kind.Should().Be(StartKind.Committed, "with a group, --from-beginning only applies where nothing is committed");
        StartPosition.From(false, "42", null, hasGroup: false).Should().Be(new StartPosition(StartKind.Offset, 42));
        StartPosition.From(false, "earliest", null, hasGroup: false).Kind.Should().Be(StartKind.Earliest);
        StartPosition.From(false, null, "1700000000000", hasGroup: false).Should().Be(new StartPosition(StartKind.Timestamp, 1_700_000_000_000));
        ((Action)(() => StartPosition.From(true, "1", null, false))).Should().Throw<CliException>();
        ((Action)(() => StartPosition.From(false, "-1", null, false))).Should().Throw<CliException>();
    }
}
