using System.Reflection;
using Spool.Protocol.Messages;

namespace Spool.Protocol.Tests;

/// <summary>
/// Every API at every version, both directions: random messages encode, decode and encode again to the same
/// bytes, the decoder consumes the whole body, and fields that do not exist in a version come back as their
/// defaults.
/// </summary>
public sealed class MessageRoundTripTests
{
    private const int SamplesPerVersion = 12;

    private static readonly Assembly Protocol = typeof(ApiVersionsRequest).Assembly;

    private static readonly Type[] DataMessages =
    [
        typeof(ConsumerProtocolSubscription),
        typeof(ConsumerProtocolAssignment),
        typeof(OffsetCommitKey),
        typeof(OffsetCommitValue),
        typeof(GroupMetadataKey),
        typeof(GroupMetadataValue),
    ];

    public static TheoryData<ApiKey, short> AllApiVersions()
    {
        var data = new TheoryData<ApiKey, short>();
        foreach (var api in ApiCatalog.All)
        {
            for (var v = api.LowestVersion; v <= api.HighestVersion; v++)
            {
                data.Add(api.Key, v);
            }
        }

        return data;
    }

    public static TheoryData<string, short> AllDataMessageVersions()
    {
        var data = new TheoryData<string, short>();
        foreach (var type in DataMessages)
        {
            var low = (short)type.GetProperty("LowestVersion")!.GetValue(null)!;
            var high = (short)type.GetProperty("HighestVersion")!.GetValue(null)!;
            for (var v = low; v <= high; v++)
            {
                data.Add(type.Name, v);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllApiVersions))]
    public void RequestRoundTrips(ApiKey key, short version)
    {
        var type = MessageType(key, "Request");
        for (var seed = 0; seed < SamplesPerVersion; seed++)
        {
            var original = (IKafkaMessage)new MessageSampler(Seed(key, version, seed)).Create(type);
            RoundTrip(original, version, bytes =>
            {
                var reader = new KafkaReader(bytes);
                var decoded = KafkaRequestDecoder.Decode(key, ref reader, version);
                return (decoded, reader.Remaining);
            });
        }
    }

    [Theory]
    [MemberData(nameof(AllApiVersions))]
    public void ResponseRoundTrips(ApiKey key, short version)
    {
        var type = MessageType(key, "Response");
        for (var seed = 0; seed < SamplesPerVersion; seed++)
        {
            var original = (IKafkaMessage)new MessageSampler(Seed(key, version, seed) + 7919).Create(type);
            RoundTrip(original, version, bytes =>
            {
                var reader = new KafkaReader(bytes);
                var decoded = KafkaResponseDecoder.Decode(key, ref reader, version);
                return (decoded, reader.Remaining);
            });
        }
    }

    [Theory]
    [MemberData(nameof(AllDataMessageVersions))]
    public void DataMessageRoundTrips(string name, short version)
    {
        var type = DataMessages.Single(t => t.Name == name);
        var read = typeof(MessageRoundTripTests).GetMethod(nameof(ReadData), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);
        for (var seed = 0; seed < SamplesPerVersion; seed++)
        {
            var original = (IKafkaMessage)new MessageSampler(seed * 31 + version).Create(type);
            RoundTrip(original, version, bytes => ((IKafkaMessage, int))read.Invoke(null, [bytes, version])!);
        }
    }

    [Fact]
    public void EveryApiHasRequestAndResponseTypes()
    {
        foreach (var api in ApiCatalog.All)
        {
            MessageType(api.Key, "Request").Should().NotBeNull();
            MessageType(api.Key, "Response").Should().NotBeNull();
        }
    }

    [Fact]
    public void CatalogCoversTheRequiredVersions()
    {
        var required = new Dictionary<ApiKey, (short Low, short High)>
        {
            [ApiKey.Produce] = (3, 11),
            [ApiKey.Fetch] = (4, 17),
            [ApiKey.ListOffsets] = (1, 9),
            [ApiKey.Metadata] = (0, 12),
            [ApiKey.OffsetCommit] = (2, 9),
            [ApiKey.OffsetFetch] = (1, 9),
            [ApiKey.FindCoordinator] = (0, 6),
            [ApiKey.JoinGroup] = (0, 9),
            [ApiKey.Heartbeat] = (0, 4),
            [ApiKey.LeaveGroup] = (0, 5),
            [ApiKey.SyncGroup] = (0, 5),
            [ApiKey.DescribeGroups] = (0, 5),
            [ApiKey.ListGroups] = (0, 5),
            [ApiKey.SaslHandshake] = (0, 1),
            [ApiKey.ApiVersions] = (0, 4),
            [ApiKey.CreateTopics] = (2, 7),
            [ApiKey.DeleteTopics] = (1, 6),
            [ApiKey.DeleteRecords] = (0, 2),
            [ApiKey.InitProducerId] = (0, 5),
            [ApiKey.OffsetForLeaderEpoch] = (2, 4),
            [ApiKey.AddPartitionsToTxn] = (0, 3),
            [ApiKey.AddOffsetsToTxn] = (0, 3),
            [ApiKey.EndTxn] = (0, 3),
            [ApiKey.TxnOffsetCommit] = (0, 3),
            [ApiKey.DescribeConfigs] = (1, 4),
            [ApiKey.AlterConfigs] = (0, 2),
            [ApiKey.DescribeLogDirs] = (1, 4),
            [ApiKey.CreatePartitions] = (0, 3),
            [ApiKey.DeleteGroups] = (0, 2),
            [ApiKey.IncrementalAlterConfigs] = (0, 1),
            [ApiKey.OffsetDelete] = (0, 0),
            [ApiKey.DescribeCluster] = (0, 1),
            [ApiKey.DescribeProducers] = (0, 0),
        };
        foreach (var (key, (low, high)) in required)
        {
            var info = ApiCatalog.Get(key);
            info.LowestVersion.Should().BeLessThanOrEqualTo(low, key.ToString());
            info.HighestVersion.Should().BeGreaterThanOrEqualTo(high, key.ToString());
        }
    }

    internal static Type MessageType(ApiKey key, string suffix) =>
        Protocol.GetType($"Spool.Protocol.Messages.{ApiCatalog.Get(key).Name}{suffix}", throwOnError: true)!;

    private static int Seed(ApiKey key, short version, int sample) => ((int)key * 1000) + (version * 50) + sample;

    private static (IKafkaMessage Message, int Remaining) ReadData<T>(byte[] bytes, short version)
        where T : IKafkaMessage<T>
    {
        var reader = new KafkaReader(bytes);
        var message = T.Read(ref reader, version);
        return (message, reader.Remaining);
    }

    private static void RoundTrip(IKafkaMessage original, short version, Func<byte[], (IKafkaMessage Message, int Remaining)> decode)
    {
        var first = Encode(original, version);
        var (decoded, remaining) = decode(first);
        remaining.Should().Be(0, "the decoder must consume exactly the encoded body");
        var second = Encode(decoded, version);
        second.Should().Equal(first, $"{original.GetType().Name} v{version} must re-encode to the same bytes");
        DeepEquality.FindFieldNeitherKeptNorDefault(decoded, original, original.GetType().Name)
            .Should().BeNull($"every field of {original.GetType().Name} v{version} must keep its value or, when absent in the version, its default");
    }

    private static byte[] Encode(IKafkaMessage message, short version)
    {
        using var writer = new KafkaWriter();
        message.Write(writer, version);
        return writer.ToArray();
    }
}
