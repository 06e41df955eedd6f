using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Spool.Protocol.Tests;

/// <summary>
/// Frames captured on loopback from real clients talking to a Spool broker (Golden/, re-captured with
/// tests/compat/capture/capture.sh): every request decodes with <see cref="RequestHeader"/> and
/// <see cref="KafkaRequestDecoder"/> at the version the client used, consumes the whole frame and encodes back to
/// the same bytes; the broker's responses (which those clients accepted) do the same with
/// <see cref="KafkaResponseDecoder"/>. Byte identity holds because these clients send no tagged fields that
/// Spool does not model (unknown tags would be skipped on read and not written back) and write tagged fields in
/// ascending tag order, as Spool does.
/// </summary>
public sealed class GoldenFrameTests
{
    private static readonly string[] IssueTwoApis =
    [
        "ApiVersions", "Metadata", "Produce", "Fetch", "ListOffsets", "CreateTopics", "DeleteTopics", "CreatePartitions", "DescribeConfigs", "DeleteRecords",
    ];

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<List<GoldenEntry>> Manifest = new(LoadManifest);

    public static TheoryData<string, string, int, bool> Frames()
    {
        var data = new TheoryData<string, string, int, bool>();
        foreach (var e in Manifest.Value)
        {
            data.Add(e.Client, e.Api, e.Version, true);
            if (e.Response is not null)
            {
                data.Add(e.Client, e.Api, e.Version, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void FrameDecodesAndEncodesByteIdentically(string client, string api, int version, bool request)
    {
        var entry = Manifest.Value.Single(e => e.Client == client && e.Api == api && e.Version == version);
        var info = ApiCatalog.Get((ApiKey)entry.ApiKey);
        info.Name.Should().Be(api);
        var v = (short)version;
        var frame = File.ReadAllBytes(Path.Combine(GoldenDirectory, request ? entry.Request : entry.Response!));

        using var writer = new KafkaWriter();
        var reader = new KafkaReader(frame);
        if (request)
        {
            var header = RequestHeader.Read(ref reader, info.RequestHeaderVersion(v));
            header.ApiKey.Should().Be((ApiKey)entry.ApiKey);
            header.ApiVersion.Should().Be(v);
            var message = KafkaRequestDecoder.Decode(header.ApiKey, ref reader, v);
            reader.Remaining.Should().Be(0, "the decoder must consume the whole frame");
            header.Write(writer);
            message.Write(writer, v);
        }
        else
        {
            var headerVersion = info.ResponseHeaderVersion(v);
            var correlationId = ResponseHeader.Read(ref reader, headerVersion);
            var message = KafkaResponseDecoder.Decode(info.Key, ref reader, v);
            reader.Remaining.Should().Be(0, "the decoder must consume the whole frame");
            ResponseHeader.Write(writer, correlationId, headerVersion);
            message.Write(writer, v);
        }

        var encoded = writer.ToArray();
        if (!encoded.AsSpan().SequenceEqual(frame))
        {
            throw new Xunit.Sdk.XunitException(DescribeDifference(frame, encoded));
        }
    }

    [Fact]
    public void CapturesCoverTheIssueTwoApisForEveryClient()
    {
        var byClient = Manifest.Value.GroupBy(e => e.Client).ToDictionary(g => g.Key, g => g.Select(e => e.Api).ToHashSet());
        byClient.Keys.Should().BeEquivalentTo("kcat", "confluent-kafka-python", "kafkajs", "platformatic-kafka");
        foreach (var (client, apis) in byClient)
        {
            // kcat has no admin API; the kcat scenario's topic steps use librdkafka's admin API, and none describes configs.
            var expected = client == "kcat" ? IssueTwoApis.Where(a => a != "DescribeConfigs") : IssueTwoApis;
            apis.Should().Contain(expected, $"the {client} capture must exercise every issue-2 API it can");
        }

        Manifest.Value.Should().OnlyContain(e => e.Response != null || e.Api == "Produce", "only an acks=0 Produce goes unanswered");
    }

    private static string DescribeDifference(byte[] expected, byte[] actual)
    {
        var at = 0;
        while (at < Math.Min(expected.Length, actual.Length) && expected[at] == actual[at])
        {
            at++;
        }

        var from = Math.Max(0, at - 16);
        return new StringBuilder()
            .AppendLine($"re-encoded frame differs at byte {at} (captured {expected.Length} bytes, re-encoded {actual.Length} bytes)")
            .AppendLine($"captured:   {Convert.ToHexString(expected.AsSpan(from, Math.Min(48, expected.Length - from)))}")
            .AppendLine($"re-encoded: {Convert.ToHexString(actual.AsSpan(from, Math.Min(48, Math.Max(0, actual.Length - from))))}")
            .ToString();
    }

    private static string GoldenDirectory => Path.Combine(SourceDirectory(), "Golden");

    // The frames are read from the source tree: the test output may be outside it (SPOOL_ARTIFACTS).
    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static List<GoldenEntry> LoadManifest() =>
        JsonSerializer.Deserialize<List<GoldenEntry>>(File.ReadAllText(Path.Combine(GoldenDirectory, "manifest.json")), JsonOptions)!;

    /// <summary>One captured request/response pair (Golden/manifest.json).</summary>
    public sealed record GoldenEntry(string Client, string Api, int ApiKey, int Version, string Request, string? Response);
}
