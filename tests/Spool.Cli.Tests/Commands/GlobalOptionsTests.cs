using Spool.Cli.Tests.Infrastructure;
using Spool.Testing;

namespace Spool.Cli.Tests.Commands;

[Collection(BrokerCollection.Name)]
public sealed class GlobalOptionsTests(BrokerFixture fixture)
{
    [Fact]
    public async Task The_bootstrap_server_comes_from_the_option_the_client_properties_or_SPOOL_BOOTSTRAP()
    {
        var bare = new CliRunner(null);
        var fromEnvironment = await bare.RunAsync(["cluster", "info", "-o", "json"], null, environment: new Dictionary<string, string> { ["SPOOL_BOOTSTRAP"] = fixture.Bootstrap });
        fromEnvironment.Succeeded();

        (await bare.RunAsync("cluster", "info", "-X", $"bootstrap.servers={fixture.Bootstrap}")).Succeeded();

        // The option beats the environment.
        var both = await bare.RunAsync(["-b", fixture.Bootstrap, "cluster", "info"], null, environment: new Dictionary<string, string> { ["SPOOL_BOOTSTRAP"] = "127.0.0.1:1" });
        both.Succeeded();
    }

    [Fact]
    public async Task A_command_config_file_sets_client_properties_and_warns_about_unknown_ones()
    {
        using var directory = new TempDirectory("spool-cli");
        var file = Path.Combine(directory.Path, "client.properties");
        await File.WriteAllTextAsync(file, "# shared with other tools\nclient.id=from-file\nrequest.timeout.ms=20000\nkey.serializer=org.apache.kafka.common.serialization.StringSerializer\n");
        var result = (await fixture.Cli.RunAsync("topics", "list", "--command-config", file)).Succeeded();
        result.Stderr.Should().Contain("spool: warning: unknown client property 'key.serializer' ignored");

        (await fixture.Cli.RunAsync("topics", "list", "--command-config", Path.Combine(directory.Path, "missing"))).ExitedWith(ExitCodes.Usage);
        (await fixture.Cli.RunAsync("topics", "list", "-X", "request.timeout.ms=soon")).ExitedWith(ExitCodes.Usage)
            .Stderr.Should().Contain("client property request.timeout.ms=soon");
        (await fixture.Cli.RunAsync("topics", "list", "-X", "security.protocol=SSL")).ExitedWith(ExitCodes.Usage)
            .Stderr.Should().Contain("only PLAINTEXT");
    }

    [Fact]
    public async Task An_unreachable_broker_exits_5_within_the_timeout()
    {
        var unreachable = new CliRunner($"127.0.0.1:{FreePort.Pick()}");
        var table = (await unreachable.RunAsync("topics", "list", "--timeout", "1s")).ExitedWith(ExitCodes.Timeout);
        table.Stderr.Should().StartWith("spool: NETWORK_EXCEPTION: ");

        var json = (await unreachable.RunAsync("cluster", "info", "--timeout", "1000", "-o", "json")).ExitedWith(ExitCodes.Timeout).ErrorJson();
        json.GetProperty("error").GetString().Should().Be("NETWORK_EXCEPTION");
        json.GetProperty("exitCode").GetInt32().Should().Be(ExitCodes.Timeout);
    }

    [Theory]
    [InlineData("topics")]
    [InlineData("topics", "frobnicate")]
    [InlineData("topics", "create")]
    [InlineData("topics", "create", "a", "--partitions", "many")]
    [InlineData("topics", "create", "a", "--partitions", "0")]
    [InlineData("topics", "list", "--output", "yaml")]
    [InlineData("topics", "list", "--timeout", "soon")]
    [InlineData("topics", "alter", "a")]
    [InlineData("topics", "create", "a", "--config", "novalue")]
    [InlineData("topics", "create", "a", "b")]
    [InlineData("groups", "describe")]
    [InlineData("consume", "t", "--max-messages", "0")]
    [InlineData("consume", "t", "--idle-timeout", "later")]
    [InlineData("produce", "t", "--format", "xml")]
    [InlineData("produce", "t", "--acks", "2")]
    public async Task Usage_errors_exit_2_before_connecting(params string[] args)
    {
        // No broker listens here: a usage error must be reported without trying to connect.
        var result = (await new CliRunner($"127.0.0.1:{FreePort.Pick()}").RunAsync(args)).ExitedWith(ExitCodes.Usage);
        result.Stderr.Should().StartWith("spool: INVALID_ARGUMENT: ");
    }

    [Fact]
    public async Task Usage_errors_are_json_objects_when_json_was_asked_for()
    {
        var runner = new CliRunner($"127.0.0.1:{FreePort.Pick()}");
        var parseError = (await runner.RunAsync("topics", "create", "a", "--partitions", "many", "-o", "json")).ExitedWith(ExitCodes.Usage).ErrorJson();
        parseError.GetProperty("error").GetString().Should().Be("INVALID_ARGUMENT");
        parseError.GetProperty("message").GetString().Should().Contain("many");
        parseError.GetProperty("exitCode").GetInt32().Should().Be(ExitCodes.Usage);

        var checkError = (await runner.RunAsync("topics", "alter", "a", "--output", "json")).ExitedWith(ExitCodes.Usage).ErrorJson();
        checkError.GetProperty("message").GetString().Should().Contain("nothing to alter");
    }

    [Fact]
    public async Task Help_describes_every_command()
    {
        var help = (await new CliRunner(null).RunAsync("--help")).Succeeded().Stdout;
        help.Should().Contain("topics").And.Contain("groups").And.Contain("produce").And.Contain("consume").And.Contain("cluster")
            .And.Contain("--bootstrap-server").And.Contain("SPOOL_BOOTSTRAP");
        (await new CliRunner(null).RunAsync("groups", "reset-offsets", "--help")).Succeeded().Stdout
            .Should().Contain("--to-earliest").And.Contain("--to-datetime").And.Contain("--shift-by").And.Contain("--execute");
    }
}
