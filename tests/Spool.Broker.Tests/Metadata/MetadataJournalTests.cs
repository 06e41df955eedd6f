using Spool.Broker.Metadata;
using Spool.Testing;

namespace Spool.Broker.Tests.Metadata;

public class MetadataJournalTests
{
    [Fact]
    public void Records_survive_reopen_in_order()
    {
        using var dir = new TempDirectory();
        using (var journal = MetadataJournal.Open(dir.Path))
        {
            journal.Append([new TopicRecord("a", "AAAAAAAAAAAAAAAAAAAAAQ"), new ConfigRecord("topic", "a", "retention.ms", "1")]);
            journal.Append([new RemoveTopicRecord("AAAAAAAAAAAAAAAAAAAAAQ")]);
        }

        using var reopened = MetadataJournal.Open(dir.Path);
        reopened.Records.Should().HaveCount(3);
        reopened.Records[0].Should().Be(new TopicRecord("a", "AAAAAAAAAAAAAAAAAAAAAQ"));
        reopened.Records[2].Should().BeOfType<RemoveTopicRecord>();
        reopened.NextOffset.Should().Be(3);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(30)]
    public void A_torn_tail_is_truncated_and_appends_continue(int cut)
    {
        using var dir = new TempDirectory();
        using (var journal = MetadataJournal.Open(dir.Path))
        {
            journal.Append([new TopicRecord("a", "AAAAAAAAAAAAAAAAAAAAAQ")]);
            journal.Append([new TopicRecord("b", "AAAAAAAAAAAAAAAAAAAAAg")]);
        }

        var file = Path.Combine(dir.Path, MetadataJournal.DirectoryName, "journal.log");
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^cut]);

        using (var journal = MetadataJournal.Open(dir.Path))
        {
            journal.Records.Should().ContainSingle().Which.Should().Be(new TopicRecord("a", "AAAAAAAAAAAAAAAAAAAAAQ"));
            journal.Append([new TopicRecord("c", "AAAAAAAAAAAAAAAAAAAAAw")]);
        }

        using var again = MetadataJournal.Open(dir.Path);
        again.Records.Select(r => ((TopicRecord)r).Name).Should().Equal("a", "c");
    }

    [Fact]
    public void A_corrupted_record_ends_the_replay()
    {
        using var dir = new TempDirectory();
        using (var journal = MetadataJournal.Open(dir.Path))
        {
            journal.Append([new TopicRecord("a", "AAAAAAAAAAAAAAAAAAAAAQ"), new TopicRecord("b", "AAAAAAAAAAAAAAAAAAAAAg")]);
        }

        var file = Path.Combine(dir.Path, MetadataJournal.DirectoryName, "journal.log");
        var text = File.ReadAllText(file).Replace("\"b\"", "\"x\"", StringComparison.Ordinal);
        File.WriteAllText(file, text);

        using var reopened = MetadataJournal.Open(dir.Path);
        reopened.Records.Should().ContainSingle();
    }
}
