using System.Text.Json.Serialization;

namespace Spool.Operator.Entities;

/// <summary>Type of the client (bootstrap) Service.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ServiceType>))]
public enum ServiceType
{
    ClusterIP = 0,
    NodePort = 1,
    LoadBalancer = 2,
}
