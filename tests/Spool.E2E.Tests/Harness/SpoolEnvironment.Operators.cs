using System.Globalization;

namespace Spool.E2E.Tests.Harness;

/// <summary>Operator replicas: real processes with the ServiceAccount's kubeconfig and the emulator as their resolver.</summary>
public sealed partial class SpoolEnvironment
{
    /// <summary>The file each replica appends the permissions it used to (--record-calls).</summary>
    public string CallLog(string identity) => Path.Combine(Directory, $"calls-{identity}.jsonl");

    /// <summary>Starts a replica; several share the Lease, so exactly one of them reconciles.</summary>
    public async Task<OperatorProcess> StartOperatorAsync(string identity, params string[] extraArguments)
    {
        var kubeconfig = Api.WriteKubeconfig(Path.Combine(Directory, $"kubeconfig-{identity}"), OperatorToken, Options.OperatorNamespace);
        var resolverToken = Path.Combine(Directory, "resolver-token");
        await File.WriteAllTextAsync(resolverToken, Api.AdminToken);
        var replica = await OperatorProcess.StartAsync(identity,
        [
            "--kubeconfig", kubeconfig,
            "--http-address", "127.0.0.1",
            "--http-port", "0",
            "--leader-election-namespace", Options.OperatorNamespace,
            "--broker-image", BrokerPods.Image,
            "--kafka-resolver-url", $"{Api.Url}/emulator/v1/resolve",
            "--kafka-resolver-token-file", resolverToken,
            "--record-calls", CallLog(identity),
            .. Options.OperatorArguments,
            .. extraArguments,
        ]);
        _operators.Add(replica);
        return replica;
    }

    /// <summary>The Lease holder as the API sees it.</summary>
    public async Task<string?> LeaderAsync()
    {
        var lease = await Client.Resource<Spool.Kubernetes.Models.Lease>().TryGetAsync(Options.OperatorNamespace, "spool-operator");
        return lease?.Spec?.HolderIdentity is { Length: > 0 } holder ? holder : null;
    }

    /// <summary>Every replica's output, for failure messages.</summary>
    public string OperatorOutput() =>
        string.Join("\n", _operators.Select(o => $"--- {o.Identity} (running: {o.IsRunning.ToString(CultureInfo.InvariantCulture)})\n{Tail(o.Output)}"));

    private static string Tail(string text) => text.Length <= 6000 ? text : "...\n" + text[^6000..];
}
