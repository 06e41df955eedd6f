using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Runtime;

/// <summary>
/// Lease-based leader election with client-go's semantics: a candidate takes the lease when it is free or when its
/// record has not changed for leaseDurationSeconds of the candidate's own clock (so clock skew between nodes does
/// not matter); every write carries the Lease's resourceVersion, so of two concurrent candidates one gets 409.
/// </summary>
public sealed partial class LeaderElector
{
    private readonly ResourceClient<Lease> _leases;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly OperatorMetrics? _metrics;
    private readonly string _description;
    private Lease? _observed;
    private DateTimeOffset _observedTime;
    private volatile bool _isLeader;

    public LeaderElector(ResourceClient<Lease> leases, LeaderElectionOptions options, ILogger? logger = null, TimeProvider? timeProvider = null, OperatorMetrics? metrics = null)
    {
        options.Validate();
        _leases = leases;
        Options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _metrics = metrics;
        _description = $"{options.Identity} (lease {options.Namespace}/{options.Name})";
    }

    public LeaderElectionOptions Options { get; }

    public bool IsLeader => _isLeader;

    /// <summary>The holder in the last observed record.</summary>
    public string? ObservedLeader => _observed?.Spec?.HolderIdentity;

    /// <summary>One attempt: create, take over or renew the lease. False when another holder's lease is still valid or a write conflicted.</summary>
    public async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        try
        {
            var lease = await _leases.TryGetAsync(Options.Namespace, Options.Name, cancellationToken);
            if (lease is null)
            {
                var created = await _leases.CreateAsync(
                    new Lease
                    {
                        Metadata = new ObjectMeta { Name = Options.Name, Namespace = Options.Namespace },
                        Spec = Record(now, now, 0),
                    },
                    null,
                    cancellationToken);
                Observe(created, now);
                return SetLeader(true);
            }

            var spec = lease.Spec ?? new LeaseSpec();
            if (_observed is null || !SameRecord(_observed.Spec, spec))
            {
                Observe(lease, now);
            }

            var holder = spec.HolderIdentity;
            var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)Options.LeaseDuration.TotalSeconds);
            if (!string.IsNullOrEmpty(holder) && holder != Options.Identity && _observedTime + duration > now)
            {
                return SetLeader(false);
            }

            lease.Spec = holder == Options.Identity
                ? Record(spec.AcquireTime ?? now, now, spec.LeaseTransitions ?? 0)
                : Record(now, now, (spec.LeaseTransitions ?? 0) + 1);
            var updated = await _leases.ReplaceAsync(lease, null, cancellationToken);
            Observe(updated, now);
            return SetLeader(true);
        }
        catch (KubernetesApiException ex) when (ex.IsConflict || ex.IsAlreadyExists)
        {
            // Another candidate wrote first; its record is observed on the next attempt.
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Leader election attempt of {Candidate} failed", _description);
            return false;
        }
    }

    /// <summary>Gives the lease up (empty holder, 1 s duration) so another candidate can take it at once.</summary>
    public async Task<bool> ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_observed is not { Spec.HolderIdentity: var holder } lease || holder != Options.Identity)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        lease.Spec = new LeaseSpec
        {
            LeaseDurationSeconds = 1,
            AcquireTime = now,
            RenewTime = now,
            LeaseTransitions = lease.Spec?.LeaseTransitions,
        };
        try
        {
            Observe(await _leases.ReplaceAsync(lease, null, cancellationToken), now);
            return true;
        }
        catch (Exception ex) when (ex is KubernetesApiException or HttpRequestException or TimeoutException)
        {
            _logger.LogWarning(ex, "{Candidate} could not release the lease", _description);
            return false;
        }
        finally
        {
            SetLeader(false);
        }
    }

    private static bool SameRecord(LeaseSpec? a, LeaseSpec b) =>
        a is not null && a.HolderIdentity == b.HolderIdentity && a.LeaseDurationSeconds == b.LeaseDurationSeconds
        && a.AcquireTime == b.AcquireTime && a.RenewTime == b.RenewTime && a.LeaseTransitions == b.LeaseTransitions;

    private LeaseSpec Record(DateTimeOffset acquired, DateTimeOffset now, int transitions) => new()
    {
        HolderIdentity = Options.Identity,
        LeaseDurationSeconds = (int)Math.Ceiling(Options.LeaseDuration.TotalSeconds),
        AcquireTime = acquired,
        RenewTime = now,
        LeaseTransitions = transitions,
    };

    private void Observe(Lease lease, DateTimeOffset now)
    {
        var previous = _observed?.Spec?.HolderIdentity;
        _observed = lease;
        _observedTime = now;
        if (lease.Spec?.HolderIdentity is { Length: > 0 } holder && holder != previous)
        {
            Options.OnNewLeader?.Invoke(holder);
        }
    }

    private bool SetLeader(bool leading)
    {
        if (_isLeader != leading)
        {
            _isLeader = leading;
            _metrics?.Leading.Add(leading ? 1 : -1, new KeyValuePair<string, object?>("lease", Options.Name));
        }

        return leading;
    }
}
