using Spool.Broker.Metadata;

namespace Spool.Broker.Tests.Metadata;

public class TopicNamesTests
{
    [Theory]
    [InlineData("orders")]
    [InlineData("a.b_c-D9")]
    [InlineData("__consumer_offsets")]
    public void Legal_names(string name) => TopicNames.Validate(name).Should().BeNull();

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("has space")]
    [InlineData("slash/")]
    [InlineData("ünïcode")]
    public void Illegal_names(string name) => TopicNames.Validate(name).Should().NotBeNull();

    [Fact]
    public void Names_longer_than_249_are_illegal()
    {
        TopicNames.Validate(new string('a', 249)).Should().BeNull();
        TopicNames.Validate(new string('a', 250)).Should().Contain("249");
    }

    [Fact]
    public void Dot_and_underscore_collide() => TopicNames.CollisionKey("a.b").Should().Be(TopicNames.CollisionKey("a_b"));
}
