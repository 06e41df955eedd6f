namespace Spool.Protocol.Tests;

/// <summary>
/// Random and mutated frames fed to the request and response decoders of every API and version. A decoder may
/// reject input only with <see cref="KafkaProtocolException"/>; any other exception (index out of range,
/// overflow, out of memory, null reference) fails the test. Seeded and bounded: a few seconds in all.
/// </summary>
public sealed class DecoderFuzzTests
{
    private const int SamplesPerVersion = 3;
    private const int MutationsPerSample = 60;

    public static TheoryData<ApiKey> Apis()
    {
        var data = new TheoryData<ApiKey>();
        foreach (var api in ApiCatalog.All)
        {
            data.Add(api.Key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void MutatedRequestFramesOnlyEverFailAsProtocolErrors(ApiKey key)
    {
        var info = ApiCatalog.Get(key);
        var type = MessageRoundTripTests.MessageType(key, "Request");
        for (var version = info.LowestVersion; version <= info.HighestVersion; version++)
        {
            for (var sample = 0; sample < SamplesPerVersion; sample++)
            {
                var seed = ((int)key * 7919) + (version * 131) + sample;
                var random = new Random(seed);
                var message = (IKafkaMessage)new MessageSampler(seed) { MaxListLength = 3 }.Create(type);
                var frame = RequestFrame(info, version, message);
                DecodeRequest(frame, seed);
                for (var m = 0; m < MutationsPerSample; m++)
                {
                    DecodeRequest(Mutate(frame, random), seed);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void MutatedResponsesOnlyEverFailAsProtocolErrors(ApiKey key)
    {
        var info = ApiCatalog.Get(key);
        var type = MessageRoundTripTests.MessageType(key, "Response");
        for (var version = info.LowestVersion; version <= info.HighestVersion; version++)
        {
            var seed = ((int)key * 104729) + version;
            var random = new Random(seed);
            var message = (IKafkaMessage)new MessageSampler(seed) { MaxListLength = 3 }.Create(type);
            using var writer = new KafkaWriter();
            message.Write(writer, version);
            var body = writer.ToArray();
            for (var m = 0; m < MutationsPerSample; m++)
            {
                var mutated = Mutate(body, random);
                Guard(seed, () =>
                {
                    var reader = new KafkaReader(mutated);
                    KafkaResponseDecoder.Decode(key, ref reader, version);
                });
            }
        }
    }

    [Fact]
    public void RandomBytesOnlyEverFailAsProtocolErrors()
    {
        var random = new Random(12345);
        var keys = ApiCatalog.All.Select(a => a.Key).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            var frame = new byte[random.Next(0, 120)];
            random.NextBytes(frame);
            if (frame.Length >= 4 && random.Next(4) != 0)
            {
                // Mostly a real API key and version, so that the bodies are reached.
                var info = ApiCatalog.Get(keys[random.Next(keys.Length)]);
                frame[0] = (byte)((short)info.Key >> 8);
                frame[1] = (byte)info.Key;
                frame[2] = 0;
                frame[3] = (byte)random.Next(info.LowestVersion, info.HighestVersion + 1);
            }

            DecodeRequest(frame, i);
        }
    }

    private static byte[] RequestFrame(ApiInfo info, short version, IKafkaMessage message)
    {
        using var writer = new KafkaWriter();
        new RequestHeader
        {
            ApiKey = info.Key,
            ApiVersion = version,
            CorrelationId = 42,
            ClientId = "fuzz",
            HeaderVersion = info.RequestHeaderVersion(version),
        }.Write(writer);
        message.Write(writer, version);
        return writer.ToArray();
    }

    /// <summary>As a broker decodes a frame: prefix, header by the API's header version, then the body.</summary>
    private static void DecodeRequest(byte[] frame, int seed) => Guard(seed, () =>
    {
        var (key, version, _) = RequestHeader.PeekPrefix(frame);
        var headerVersion = ApiCatalog.TryGet(key, out var info) ? info.RequestHeaderVersion(version) : (short)1;
        var reader = new KafkaReader(frame);
        RequestHeader.Read(ref reader, headerVersion);
        KafkaRequestDecoder.Decode(key, ref reader, version);
    });

    private static void Guard(int seed, Action decode)
    {
        try
        {
            decode();
        }
        catch (KafkaProtocolException)
        {
            // The one acceptable way to refuse input.
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"decoder threw {e.GetType().Name} (seed {seed}): {e.Message}", e);
        }
    }

    internal static byte[] Mutate(byte[] original, Random random)
    {
        var frame = original.ToArray();
        if (frame.Length == 0)
        {
            return [(byte)random.Next(256)];
        }

        switch (random.Next(6))
        {
            case 0:
                // Bit flips.
                for (var i = random.Next(1, 9); i > 0; i--)
                {
                    frame[random.Next(frame.Length)] ^= (byte)(1 << random.Next(8));
                }

                return frame;
            case 1:
                // Truncation.
                return frame.AsSpan(0, random.Next(frame.Length)).ToArray();
            case 2:
                {
                    // A length field turned huge, negative or off by one: int32, int16 or varint sized.
                    var at = random.Next(frame.Length);
                    byte[][] values =
                    [
                        [0x7f, 0xff, 0xff, 0xff], [0xff, 0xff, 0xff, 0xff], [0x80, 0, 0, 0], [0xff, 0xff, 0xff, 0xfe],
                        [0x7f, 0xff], [0xff, 0xfe], [0xff, 0xff, 0xff, 0xff, 0x0f], [0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
                    ];
                    var value = values[random.Next(values.Length)];
                    value.AsSpan(0, Math.Min(value.Length, frame.Length - at)).CopyTo(frame.AsSpan(at));
                    return frame;
                }

            case 3:
                {
                    // A byte incremented or decremented (lengths and counts off by one).
                    var at = random.Next(frame.Length);
                    frame[at] = (byte)(frame[at] + (random.Next(2) == 0 ? 1 : -1));
                    return frame;
                }

            case 4:
                {
                    // Random bytes inserted.
                    var insert = new byte[random.Next(1, 6)];
                    random.NextBytes(insert);
                    var at = random.Next(frame.Length + 1);
                    return [.. frame.AsSpan(0, at), .. insert, .. frame.AsSpan(at)];
                }

            default:
                {
                    // A stretch overwritten with random bytes.
                    var at = random.Next(frame.Length);
                    random.NextBytes(frame.AsSpan(at, Math.Min(frame.Length - at, random.Next(1, 16))));
                    return frame;
                }
        }
    }
}
