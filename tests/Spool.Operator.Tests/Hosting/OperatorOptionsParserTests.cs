using Spool.Operator.Hosting;

namespace Spool.Operator.Tests.Hosting;

public sealed class OperatorOptionsParserTests
{
    [Fact]
    public void Flags_then_environment_then_defaults()
    {
        var env = new Dictionary<string, string> { ["SPOOL_OPERATOR_WATCH_NAMESPACES"] = "a, b", ["SPOOL_OPERATOR_HTTP_PORT"] = "9000" };
        var options = OperatorOptionsParser.Parse(["--http-port", "0", "--leader-elect=false", "--resync-period", "500ms", "--lease-duration", "6"], k => env.GetValueOrDefault(k));
        options.HttpPort.Should().Be(0);
        options.WatchNamespaces.Should().Equal("a", "b");
        options.LeaderElect.Should().BeFalse();
        options.Settings.ResyncPeriod.Should().Be(TimeSpan.FromMilliseconds(500));
        options.LeaseDuration.Should().Be(TimeSpan.FromSeconds(6));
        options.LeaseName.Should().Be("spool-operator");
    }

    [Fact]
    public void Unknown_flags_are_refused() =>
        FluentActions.Invoking(() => OperatorOptionsParser.Parse(["--nope", "1"], _ => null)).Should().Throw<ArgumentException>().WithMessage("*--nope*");

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("2s", 2000)]
    [InlineData("1.5", 1500)]
    [InlineData("1m", 60000)]
    public void Durations(string text, int milliseconds) => DurationParser.Parse(text).Should().Be(TimeSpan.FromMilliseconds(milliseconds));
}
