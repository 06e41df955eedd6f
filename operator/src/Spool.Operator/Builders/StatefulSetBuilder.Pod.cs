using System.Text.Json;
using System.Text.Json.Nodes;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;
using Spool.Operator.Entities;

namespace Spool.Operator.Builders;

/// <summary>The broker pod: restricted security context, config and data volumes, probes and per-pod identity.</summary>
public static partial class StatefulSetBuilder
{
    /// <summary>UID and GID of the non-root "app" user of the .NET runtime images (APP_UID).</summary>
    public const long BrokerUser = 1654;

    private const string ConfigVolume = "config";

    private const string TmpVolume = "tmp";

    private static PodTemplateSpec PodTemplate(ClusterBlueprint blueprint)
    {
        var names = blueprint.Names;
        var pod = blueprint.Spec.Pod;
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pod.Annotations ?? [])
        {
            annotations[key] = value;
        }

        annotations[ConfigHashAnnotation] = blueprint.ConfigHash;
        annotations["kubectl.kubernetes.io/default-container"] = ContainerName;
        return new PodTemplateSpec
        {
            Metadata = new ObjectMeta
            {
                Labels = ClusterLabels.With(names.Cluster, pod.Labels),
                Annotations = annotations,
            },
            Spec = new PodSpec
            {
                // The broker never calls the Kubernetes API, and Service links would add env vars (some SPOOL_*-like).
                AutomountServiceAccountToken = false,
                EnableServiceLinks = false,
                TerminationGracePeriodSeconds = pod.TerminationGracePeriodSeconds,
                SecurityContext = new PodSecurityContext
                {
                    RunAsNonRoot = true,
                    RunAsUser = BrokerUser,
                    RunAsGroup = BrokerUser,
                    FsGroup = BrokerUser,
                    FsGroupChangePolicy = "OnRootMismatch",
                    SeccompProfile = new SeccompProfile { Type = "RuntimeDefault" },
                },
                Affinity = pod.Affinity is { } affinity ? (JsonObject)affinity.DeepClone() : DefaultAffinity(names.Cluster),
                Tolerations = pod.Tolerations?.Select(t => (JsonObject)t.DeepClone()).ToList(),
                NodeSelector = pod.NodeSelector is { Count: > 0 } selector ? new Dictionary<string, string>(selector, StringComparer.Ordinal) : null,
                PriorityClassName = pod.PriorityClassName,
                ImagePullSecrets = blueprint.Spec.ImagePullSecrets?.Select(s => new LocalObjectReference { Name = s }).ToList(),
                Containers = [Broker(blueprint)],
                Volumes =
                [
                    new Volume { Name = ConfigVolume, ConfigMap = new ConfigMapVolumeSource { Name = names.ConfigMap } },
                    new Volume { Name = TmpVolume, EmptyDir = new EmptyDirVolumeSource() },
                ],
            },
        };
    }

    private static Container Broker(ClusterBlueprint blueprint)
    {
        var spec = blueprint.Spec;
        return new Container
        {
            Name = ContainerName,
            Image = blueprint.Image,
            ImagePullPolicy = spec.ImagePullPolicy?.ToString(),

            // The image's entrypoint is spool-broker; its first argument is the properties file.
            Args = [BrokerPaths.PropertiesFile],
            Env =
            [
                new EnvVar { Name = "POD_NAME", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } },

                // node.id = pod ordinal, without a shell: the downward API hands the pod-index label to the broker.
                new EnvVar
                {
                    Name = "SPOOL_NODE_ID",
                    ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = $"metadata.labels['{PodIndexLabel}']" } },
                },

                // $(POD_NAME) is expanded by the kubelet: each broker advertises its own stable DNS name.
                new EnvVar { Name = "SPOOL_ADVERTISED_LISTENERS", Value = $"PLAINTEXT://{blueprint.Names.AdvertisedHostTemplate}:{BrokerPorts.Kafka}" },
            ],
            Ports =
            [
                new ContainerPort { Name = BrokerPorts.KafkaName, Port = BrokerPorts.Kafka, Protocol = "TCP" },
                new ContainerPort { Name = BrokerPorts.ControllerName, Port = BrokerPorts.Controller, Protocol = "TCP" },
                new ContainerPort { Name = BrokerPorts.HttpName, Port = BrokerPorts.Http, Protocol = "TCP" },
            ],

            // Opening the logs after a crash may take minutes: liveness starts only once /healthz answered.
            StartupProbe = HttpProbe("/healthz", periodSeconds: 5, failureThreshold: 60, timeoutSeconds: 3),
            ReadinessProbe = HttpProbe("/readyz", periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 3),
            LivenessProbe = HttpProbe("/healthz", periodSeconds: 10, failureThreshold: 6, timeoutSeconds: 5),
            Resources = Resources(spec.Resources),
            SecurityContext = new SecurityContext
            {
                RunAsNonRoot = true,
                AllowPrivilegeEscalation = false,
                ReadOnlyRootFilesystem = true,
                Privileged = false,
                Capabilities = new Capabilities { Drop = ["ALL"] },
                SeccompProfile = new SeccompProfile { Type = "RuntimeDefault" },
            },
            VolumeMounts =
            [
                new VolumeMount { Name = ClusterNames.DataVolume, MountPath = BrokerPaths.Volume },
                new VolumeMount { Name = ConfigVolume, MountPath = BrokerPaths.ConfigDirectory, ReadOnly = true },
                new VolumeMount { Name = TmpVolume, MountPath = BrokerPaths.Tmp },
            ],
        };
    }

    private static Probe HttpProbe(string path, int periodSeconds, int failureThreshold, int timeoutSeconds) => new()
    {
        HttpGet = new HttpGetAction { Path = path, Port = new IntOrString(BrokerPorts.HttpName) },
        PeriodSeconds = periodSeconds,
        FailureThreshold = failureThreshold,
        TimeoutSeconds = timeoutSeconds,
    };

    private static ResourceRequirements? Resources(ResourcesSpec? resources) =>
        resources is null ? null : new ResourceRequirements
        {
            Requests = Quantities(resources.Requests),
            Limits = Quantities(resources.Limits),
        };

    private static Dictionary<string, string>? Quantities(Dictionary<string, JsonNode>? values) =>
        values is { Count: > 0 }
            ? values.ToDictionary(kv => kv.Key, kv => kv.Value.GetValueKind() == JsonValueKind.String ? kv.Value.GetValue<string>() : kv.Value.ToJsonString(), StringComparer.Ordinal)
            : null;

    /// <summary>Prefer one broker per node; preferred, not required, so small (single-node) clusters still schedule.</summary>
    private static JsonObject DefaultAffinity(string cluster)
    {
        var matchLabels = new JsonObject();
        foreach (var (key, value) in ClusterLabels.Selector(cluster))
        {
            matchLabels[key] = value;
        }

        return new JsonObject
        {
            ["podAntiAffinity"] = new JsonObject
            {
                ["preferredDuringSchedulingIgnoredDuringExecution"] = new JsonArray(new JsonObject
                {
                    ["weight"] = 100,
                    ["podAffinityTerm"] = new JsonObject
                    {
                        ["labelSelector"] = new JsonObject { ["matchLabels"] = matchLabels },
                        ["topologyKey"] = "kubernetes.io/hostname",
                    },
                }),
            },
        };
    }
}
