namespace Spool.KubeEmulator;

public sealed partial class KubeApiEmulator
{
    /// <summary>
    /// A kubeconfig for this server: one cluster (plain http server URL), one user (bearer token; the
    /// admin token unless another is given), one current context with a default namespace.
    /// </summary>
    public string KubeconfigYaml(string? token = null, string? @namespace = null) =>
        $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: spool-emulator
          cluster:
            server: {{Url}}{{CertificateAuthorityLine()}}
        users:
        - name: spool-emulator-user
          user:
            token: {{token ?? AdminToken}}
        contexts:
        - name: spool-emulator
          context:
            cluster: spool-emulator
            user: spool-emulator-user
            namespace: {{@namespace ?? "default"}}
        current-context: spool-emulator
        preferences: {}

        """;

    private string CertificateAuthorityLine() => Certificate is null
        ? ""
        : "\n    certificate-authority-data: " + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(Certificate.ExportCertificatePem()));

    public string WriteKubeconfig(string path, string? token = null, string? @namespace = null)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
        File.WriteAllText(path, KubeconfigYaml(token, @namespace));
        return path;
    }
}
