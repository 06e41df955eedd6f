using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Runtime;

/// <summary>
/// Writes core/v1 Events (the ones <c>kubectl describe</c> lists) about objects. A repeat of the same event (same
/// object, type, reason and message) within <see cref="AggregationWindow"/> bumps count and lastTimestamp on the
/// existing Event instead of creating another, as client-go's event correlator does. Failures are logged, never
/// thrown: events are advisory and must not fail a reconcile.
/// </summary>
public sealed class EventRecorder
{
    private const int MaxTracked = 4096;

    private readonly ResourceClient<Event> _events;
    private readonly string _component;
    private readonly string _instance;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Object, string Type, string Reason, string Message), Seen> _seen = [];

    public EventRecorder(KubernetesClient client, string component, string? instance = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _events = client.Resource<Event>();
        _component = component;
        _instance = instance ?? Environment.MachineName;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    public TimeSpan AggregationWindow { get; init; } = TimeSpan.FromMinutes(10);

    public Task NormalAsync(IKubernetesObject regarding, string reason, string message, CancellationToken cancellationToken = default) =>
        RecordAsync(regarding, EventTypes.Normal, reason, message, cancellationToken);

    public Task WarningAsync(IKubernetesObject regarding, string reason, string message, CancellationToken cancellationToken = default) =>
        RecordAsync(regarding, EventTypes.Warning, reason, message, cancellationToken);

    public async Task RecordAsync(IKubernetesObject regarding, string type, string reason, string message, CancellationToken cancellationToken = default)
    {
        // Cluster-scoped objects get their events in "default", as client-go does.
        var ns = string.IsNullOrEmpty(regarding.Metadata.Namespace) ? "default" : regarding.Metadata.Namespace;
        var key = (regarding.Metadata.Uid ?? $"{regarding.Kind}/{ns}/{regarding.Metadata.Name}", type, reason, message);
        var now = _time.GetUtcNow();
        try
        {
            Seen? previous;
            lock (_lock)
            {
                previous = _seen.GetValueOrDefault(key);
            }

            if (previous is not null && now - previous.Last < AggregationWindow && await TryBumpAsync(previous, now, cancellationToken) is { } bumped)
            {
                Remember(key, bumped);
                return;
            }

            var created = await _events.CreateAsync(NewEvent(regarding, ns, type, reason, message, now), null, cancellationToken);
            Remember(key, new Seen(ns, created.Metadata.Name!, created.Count ?? 1, now));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Could not record event {Reason} on {Kind} {Name}", reason, regarding.Kind, regarding.Metadata.Name);
        }
    }

    private async Task<Seen?> TryBumpAsync(Seen previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = previous.Count + 1;
        var patch = new JsonObject
        {
            ["count"] = count,
            ["lastTimestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        try
        {
            await _events.PatchAsync(previous.Namespace, previous.Name, KubernetesPatch.Merge(patch), null, cancellationToken);
            return previous with { Count = count, Last = now };
        }
        catch (KubernetesApiException ex) when (ex.IsNotFound)
        {
            // The Event expired (the API server keeps them an hour by default): start a new one.
            return null;
        }
    }

    private Event NewEvent(IKubernetesObject regarding, string ns, string type, string reason, string message, DateTimeOffset now) => new()
    {
        Metadata = new ObjectMeta
        {
            // client-go's naming: the object's name and the time in hex nanoseconds, unique enough per object.
            Name = $"{regarding.Metadata.Name}.{(now - DateTimeOffset.UnixEpoch).Ticks * 100:x}",
            Namespace = ns,
        },
        InvolvedObject = new ObjectReference
        {
            ApiVersion = regarding.ApiVersion,
            Kind = regarding.Kind,
            Name = regarding.Metadata.Name,
            Namespace = regarding.Metadata.Namespace,
            Uid = regarding.Metadata.Uid,
            ResourceVersion = regarding.Metadata.ResourceVersion,
        },
        Type = type,
        Reason = reason,
        Message = message,
        Count = 1,
        FirstTimestamp = now,
        LastTimestamp = now,
        Source = new EventSource { Component = _component, Host = _instance },
        ReportingComponent = _component,
        ReportingInstance = _instance,
    };

    private void Remember((string, string, string, string) key, Seen seen)
    {
        lock (_lock)
        {
            if (_seen.Count >= MaxTracked && !_seen.ContainsKey(key))
            {
                _seen.Clear();
            }

            _seen[key] = seen;
        }
    }

    private sealed record Seen(string Namespace, string Name, int Count, DateTimeOffset Last);
}
