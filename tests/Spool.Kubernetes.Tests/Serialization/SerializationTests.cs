using System.Text.Json.Nodes;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Tests.Serialization;

public sealed class SerializationTests
{
    private static readonly KubernetesSerializer Serializer = KubernetesSerializer.Default;

    [Fact]
    public void Nulls_are_omitted_and_names_are_the_api_names()
    {
        var sts = new StatefulSet
        {
            Metadata = new() { Name = "web", Namespace = "n" },
            Spec = new StatefulSetSpec
            {
                Replicas = 3,
                ServiceName = "web-headless",
                PodManagementPolicy = "Parallel",
                PersistentVolumeClaimRetentionPolicy = new() { WhenDeleted = "Delete", WhenScaled = "Retain" },
                UpdateStrategy = new() { Type = "RollingUpdate", RollingUpdate = new() { Partition = 0 } },
                Template = new PodTemplateSpec
                {
                    Spec = new PodSpec
                    {
                        Containers =
                        [
                            new Container
                            {
                                Name = "broker",
                                Ports = [new ContainerPort { Name = "kafka", Port = 9092 }],
                                ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/readyz", Port = "http" } },
                                LivenessProbe = new Probe { HttpGet = new HttpGetAction { Path = "/healthz", Port = 9644 } },
                            },
                        ],
                    },
                },
            },
        };
        Serializer.Serialize(sts).Should().Be(
            """{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web","namespace":"n"},"spec":{"replicas":3,"serviceName":"web-headless","template":{"spec":{"containers":[{"name":"broker","ports":[{"name":"kafka","containerPort":9092}],"readinessProbe":{"httpGet":{"path":"/readyz","port":"http"}},"livenessProbe":{"httpGet":{"path":"/healthz","port":9644}}}]}},"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}},"podManagementPolicy":"Parallel","persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Delete","whenScaled":"Retain"}}}""");
    }

    [Fact]
    public void Times_use_rfc3339_and_micro_times_six_digits()
    {
        var lease = new Lease
        {
            Metadata = new() { Name = "l", CreationTimestamp = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 891, TimeSpan.FromHours(2)) },
            Spec = new LeaseSpec { AcquireTime = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567) },
        };
        var json = JsonNode.Parse(Serializer.Serialize(lease))!;
        json["metadata"]!["creationTimestamp"]!.GetValue<string>().Should().Be("2026-03-04T03:06:07Z");
        json["spec"]!["acquireTime"]!.GetValue<string>().Should().Be("2026-03-04T05:06:07.123456Z");

        var read = Serializer.Deserialize<Lease>("""{"metadata":{"creationTimestamp":"2026-03-04T03:06:07Z"},"spec":{"renewTime":"2026-03-04T05:06:07.123456Z"}}""");
        read.Metadata.CreationTimestamp.Should().Be(new DateTimeOffset(2026, 3, 4, 3, 6, 7, TimeSpan.Zero));
        read.Spec!.RenewTime.Should().Be(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234560));
    }

    [Fact]
    public void Unknown_fields_round_trip()
    {
        const string json = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"s","managedFields":[{"manager":"kubectl"}]},"spec":{"type":"ClusterIP","ports":[{"port":80,"targetPort":"http"}],"ipFamilies":["IPv4"]},"status":{"loadBalancer":{}}}""";
        var service = Serializer.Deserialize<Service>(json);
        service.Spec!.Ports![0].TargetPort!.Value.StringValue.Should().Be("http");
        service.Metadata.ExtensionData.Should().ContainKey("managedFields");
        JsonNode.DeepEquals(JsonNode.Parse(Serializer.Serialize(service)), JsonNode.Parse(json)).Should().BeTrue();
    }

    [Fact]
    public void Secret_data_is_base64()
    {
        var secret = new Secret { Metadata = new() { Name = "s" }, Data = new() { ["password"] = "hunter2"u8.ToArray() } };
        var json = Serializer.Serialize(secret);
        json.Should().Contain("\"password\":\"aHVudGVyMg==\"");
        Serializer.Deserialize<Secret>(json).Data!["password"].Should().Equal("hunter2"u8.ToArray());
    }

    [Fact]
    public void A_callers_context_gets_camel_case_and_null_omission_from_the_client_options()
    {
        var serializer = new KubernetesSerializer(TestJsonContext.Default);
        var widget = new TestResource
        {
            Metadata = new() { Name = "w" },
            Spec = new TestResourceSpec { Replicas = 3 },
            Status = new TestResourceStatus
            {
                ObservedGeneration = 2,
                Conditions = [new Condition { Type = "Ready", Status = "True", Reason = "Running", LastTransitionTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) }],
            },
        };
        serializer.Serialize(widget).Should().Be(
            """{"apiVersion":"spool.dev/v1alpha1","kind":"Widget","metadata":{"name":"w"},"spec":{"replicas":3},"status":{"observedGeneration":2,"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-01-01T00:00:00Z","reason":"Running"}]}}""");
        serializer.Clone(widget).Spec!.Replicas.Should().Be(3);
    }

    [Fact]
    public void Unregistered_types_fail_loudly_instead_of_using_reflection()
    {
        var act = () => KubernetesSerializer.Default.GetTypeInfo<TestResource>();
        act.Should().Throw<InvalidOperationException>().WithMessage("*JsonSerializable*");
    }
}
