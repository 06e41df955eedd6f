using System.Net.Sockets;

namespace Spool.Broker.Tests.Network;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_closes_idle_client_connections_instead_of_waiting_for_them()
    {
        var broker = await InProcessBroker.StartAsync();
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", broker.Port);
        var stream = client.GetStream();
        var read = stream.ReadAsync(new byte[1]).AsTask();

        // Kestrel's graceful shutdown would wait 30 s for this connection if the broker ignored the close request.
        var stop = broker.DisposeAsync().AsTask();
        var finished = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20)));
        finished.Should().BeSameAs(stop, "the broker closes client connections when it stops");
        (await read.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(0, "the client sees the connection closed");
    }
}
