using Spool.Testing;

namespace Spool.Helm.Tests.Images;

/// <summary>One image: its Dockerfile, the executable it runs, and the HTTP port its health check asks.</summary>
public sealed record ImageTarget(string Name, string DockerfilePath, string Assembly, int HealthPort, IReadOnlyList<int> Ports)
{
    public static readonly ImageTarget Broker = new("broker", RepoPaths.Combine("broker", "Dockerfile"), "spool-broker", 9644, [9092, 9093, 9644]);

    public static readonly ImageTarget Operator = new("operator", RepoPaths.Combine("operator", "Dockerfile"), "spool-operator", 8080, [8080]);

    public static IReadOnlyList<ImageTarget> All { get; } = [Broker, Operator];

    public static TheoryData<string> Names() => new(All.Select(i => i.Name));

    public static ImageTarget Named(string name) => All.Single(i => i.Name == name);

    public Dockerfile Load() => Dockerfile.Load(DockerfilePath);
}
