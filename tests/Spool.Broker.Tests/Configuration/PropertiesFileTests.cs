using Spool.Broker.Configuration;

namespace Spool.Broker.Tests.Configuration;

public class PropertiesFileTests
{
    [Fact]
    public void Parses_separators_comments_continuations_and_escapes()
    {
        var text = "# comment\n! also comment\nnode.id=3\nlisteners : PLAINTEXT://:9092\nlog.dirs /a,\\\n  /b\nkey\\=with\\:escapes=v\\tx\nempty=\n";
        var values = PropertiesFile.Parse(text);
        values["node.id"].Should().Be("3");
        values["listeners"].Should().Be("PLAINTEXT://:9092");
        values["log.dirs"].Should().Be("/a,/b");
        values["key=with:escapes"].Should().Be("v\tx");
        values["empty"].Should().BeEmpty();
        values.Should().HaveCount(5);
    }
}
