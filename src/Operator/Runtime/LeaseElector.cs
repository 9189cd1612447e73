using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Tern.Operator.Runtime;

/// <summary>Leader election on a coordination.k8s.io Lease, written here rather than taken from
/// KubernetesClient because its elector judges expiry by the record's time rather than when this process
/// observed it, ignores the lease's own duration and swallows 403s (prior-art.md §5b). Only the leader runs
/// the controllers; on a lost renewal they stop at once; on shutdown the lease is released so another
/// instance takes over immediately.</summary>
internal sealed class LeaseElector(IKubernetes client, string @namespace, string name, string identity, TimeProvider clock, ILogger logger, LeaseTimings? timings = null)
{
    private readonly LeaseTimings _timings = timings ?? new LeaseTimings();
    private string? _observedHolder;
    private DateTime? _observedRenew;
    private DateTimeOffset _observedAt;

    public string Identity => identity;

    /// <summary>True while this instance holds the lease.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>Competes for the lease until <paramref name="stop"/>; runs <paramref name="lead"/> while leading
    /// and cancels its token when leadership is lost or on shutdown.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (!await TryAcquireOrRenewAsync(stop).ConfigureAwait(false))
            {
                await Delay(_timings.RetryPeriod, stop).ConfigureAwait(false);
                continue;
            }
            IsLeader = true;
            logger.Leadership(identity, "acquired", @namespace, name);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var work = lead(leading.Token);
            var lastRenew = clock.GetUtcNow();
            while (!stop.IsCancellationRequested && !work.IsCompleted)
            {
                await Delay(_timings.RetryPeriod, stop).ConfigureAwait(false);
                if (stop.IsCancellationRequested)
                {
                    break;
                }
                if (await TryAcquireOrRenewAsync(stop).ConfigureAwait(false))
                {
                    lastRenew = clock.GetUtcNow();
                }
                else if (clock.GetUtcNow() - lastRenew > _timings.RenewDeadline)
                {
                    logger.Leadership(identity, "lost", @namespace, name);
                    break;
                }
            }
            IsLeader = false;
            await leading.CancelAsync().ConfigureAwait(false);
            await work.ConfigureAwait(false);
            if (stop.IsCancellationRequested)
            {
                await ReleaseAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        try
        {
            V1Lease lease;
            try
            {
                lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                await client.CoordinationV1.CreateNamespacedLeaseAsync(NewLease(null, now, 0), @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                return true;
            }
            var spec = lease.Spec ?? new V1LeaseSpec();
            // Expiry is judged by when this process last saw the record change, not by the record's clock.
            if (spec.HolderIdentity != _observedHolder || spec.RenewTime != _observedRenew)
            {
                (_observedHolder, _observedRenew, _observedAt) = (spec.HolderIdentity, spec.RenewTime, now);
            }
            var heldByOther = !string.IsNullOrEmpty(spec.HolderIdentity) && spec.HolderIdentity != identity;
            var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? (int)_timings.LeaseDuration.TotalSeconds);
            if (heldByOther && now - _observedAt < duration)
            {
                return false;
            }
            var transitions = (spec.LeaseTransitions ?? 0) + (spec.HolderIdentity == identity ? 0 : 1);
            var updated = NewLease(lease.Metadata.ResourceVersion, now, transitions);
            updated.Spec.AcquireTime = spec.HolderIdentity == identity ? spec.AcquireTime : now.UtcDateTime;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(updated, name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            throw new InvalidOperationException(
                $"Leader election cannot use Lease {@namespace}/{name}: {(int)e.Response.StatusCode}. Grant get/create/update on leases in {@namespace} (config/rbac/namespace_role.yaml).", e);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            logger.LeaseUnreachable(e, identity, @namespace, name);
            return false;
        }
    }

    private V1Lease NewLease(string? resourceVersion, DateTimeOffset now, int transitions) => new()
    {
        ApiVersion = "coordination.k8s.io/v1",
        Kind = "Lease",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace, ResourceVersion = resourceVersion },
        Spec = new V1LeaseSpec
        {
            HolderIdentity = identity,
            LeaseDurationSeconds = (int)_timings.LeaseDuration.TotalSeconds,
            AcquireTime = now.UtcDateTime,
            RenewTime = now.UtcDateTime,
            LeaseTransitions = transitions,
        },
    };

    // A released lease has no holder, so another instance acquires it at its next attempt.
    private async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            if (lease.Spec?.HolderIdentity != identity)
            {
                return;
            }
            lease.Spec.HolderIdentity = null;
            lease.Spec.LeaseDurationSeconds = 1;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, name, @namespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            logger.Leadership(identity, "released", @namespace, name);
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            logger.LeaseUnreachable(e, identity, @namespace, name);
        }
    }

    private async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>controller-runtime's defaults.</summary>
internal sealed record LeaseTimings
{
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
