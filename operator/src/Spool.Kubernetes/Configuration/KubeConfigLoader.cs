using System.Text;
using YamlDotNet.RepresentationModel;

namespace Spool.Kubernetes.Configuration;

/// <summary>
/// Reads kubeconfig files: KUBECONFIG (a path list; the first file that sets a value wins, as kubectl merges) or
/// ~/.kube/config. Parses the YAML tree by hand, so no reflection-based deserializer is involved.
/// </summary>
public static class KubeConfigLoader
{
    public static KubernetesClientOptions Load(string? path = null, string? context = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var paths = path is not null
            ? [path]
            : environment("KUBECONFIG") is { Length: > 0 } list
                ? list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                : [Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config")];
        var files = paths.Where(File.Exists).Select(p => (Root: Parse(File.ReadAllText(p)), Dir: Path.GetDirectoryName(Path.GetFullPath(p))!)).ToList();
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"No kubeconfig found at {string.Join(", ", paths)}.");
        }

        return Build(files, context);
    }

    /// <summary>Builds options from kubeconfig text; relative file paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static KubernetesClientOptions LoadFromString(string yaml, string? context = null, string? baseDirectory = null) =>
        Build([(Parse(yaml), baseDirectory ?? Directory.GetCurrentDirectory())], context);

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new InvalidOperationException("The kubeconfig is not a YAML mapping.");
    }

    private static KubernetesClientOptions Build(List<(YamlMappingNode Root, string Dir)> files, string? contextName)
    {
        contextName ??= files.Select(f => Scalar(f.Root, "current-context")).FirstOrDefault(c => !string.IsNullOrEmpty(c))
            ?? throw new InvalidOperationException("The kubeconfig has no current-context.");
        var (context, _) = Named(files, "contexts", "context", contextName);
        var clusterName = Scalar(context, "cluster") ?? throw new InvalidOperationException($"Context {contextName} names no cluster.");
        var (cluster, clusterDir) = Named(files, "clusters", "cluster", clusterName);
        var userName = Scalar(context, "user");
        var (user, userDir) = userName is null ? (new YamlMappingNode(), "") : Named(files, "users", "user", userName);

        var server = Scalar(cluster, "server") ?? throw new InvalidOperationException($"Cluster {clusterName} has no server.");
        var options = new KubernetesClientOptions
        {
            Server = new Uri(server, UriKind.Absolute),
            Namespace = Scalar(context, "namespace") is { Length: > 0 } ns ? ns : "default",
            SkipTlsVerify = Scalar(cluster, "insecure-skip-tls-verify") is "true",
            TlsServerName = Scalar(cluster, "tls-server-name"),
        };

        if (ReadData(cluster, "certificate-authority", clusterDir) is { } ca)
        {
            options.CertificateAuthorities = PemCertificates.LoadBundle(ca);
        }

        var certificate = ReadData(user, "client-certificate", userDir);
        var key = ReadData(user, "client-key", userDir);
        if (certificate is not null && key is not null)
        {
            options.ClientCertificate = PemCertificates.LoadClientCertificate(Encoding.UTF8.GetString(certificate), Encoding.UTF8.GetString(key));
        }
        else if (certificate is not null || key is not null)
        {
            throw new InvalidOperationException($"User {userName} has a client certificate or key but not both.");
        }

        if (Scalar(user, "token") is { Length: > 0 } token)
        {
            options.TokenSource = new StaticTokenSource(token);
        }
        else if (Scalar(user, "tokenFile") is { Length: > 0 } tokenFile)
        {
            options.TokenSource = new FileTokenSource(Path.Combine(userDir, tokenFile));
        }

        options.Username = Scalar(user, "username");
        options.Password = Scalar(user, "password");
        if (options.TokenSource is null && options.ClientCertificate is null && options.Username is null
            && (user.Children.ContainsKey("exec") || user.Children.ContainsKey("auth-provider")))
        {
            throw new NotSupportedException($"User {userName} authenticates with an exec or auth-provider plugin, which this client does not run.");
        }

        return options;
    }

    /// <summary>Finds "name" in the first file that has it; returns the inner mapping and that file's directory.</summary>
    private static (YamlMappingNode Node, string Dir) Named(List<(YamlMappingNode Root, string Dir)> files, string listKey, string innerKey, string name)
    {
        foreach (var (root, dir) in files)
        {
            if (root.Children.TryGetValue(new YamlScalarNode(listKey), out var list) && list is YamlSequenceNode sequence)
            {
                foreach (var item in sequence.Children.OfType<YamlMappingNode>())
                {
                    if (Scalar(item, "name") == name)
                    {
                        return (item.Children.TryGetValue(new YamlScalarNode(innerKey), out var inner) && inner is YamlMappingNode map ? map : new YamlMappingNode(), dir);
                    }
                }
            }
        }

        throw new InvalidOperationException($"The kubeconfig has no {innerKey} named {name}.");
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>"{key}-data" (base64 inline) wins over "{key}" (a file path), as in client-go.</summary>
    private static byte[]? ReadData(YamlMappingNode node, string key, string baseDirectory)
    {
        if (Scalar(node, key + "-data") is { Length: > 0 } data)
        {
            return Convert.FromBase64String(data);
        }

        return Scalar(node, key) is { Length: > 0 } file ? File.ReadAllBytes(Path.Combine(baseDirectory, file)) : null;
    }
}
