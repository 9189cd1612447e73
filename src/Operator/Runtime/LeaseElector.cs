using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Tern.Operator.Runtime;

/// <summary>Leader election on a coordination.k8s.io Lease, written here rather than taken from
/// KubernetesClient because its elector judges expiry by the record's time rather than when this process
/// observed it, ignores the lease's own duration and swallows 403s. Only the leader runs the controllers.
/// Every lease call is bounded: a renewal by the renew deadline, so a leader cut off from the API server steps
/// down (cancelling the work it leads) before the lease can expire for the others — one leader at a time even in
/// a one-sided partition. A slow or failed call is a failed attempt, never a crash. Each term of leadership runs
/// <c>lead</c> afresh. On shutdown the lease is released so another instance takes over at once.</summary>
internal sealed class LeaseElector(IKubernetes client, string @namespace, string name, string identity, TimeProvider clock, ILogger logger,
    LeaseTimings? timings = null)
{
    private readonly LeaseTimings _timings = timings ?? new LeaseTimings();
    private string? _observedHolder;
    private DateTime? _observedRenew;
    private DateTimeOffset _observedAt;
    private long _lastAttempt = clock.GetTimestamp();

    public string Identity => identity;

    /// <summary>True while this instance holds the lease.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>Terms of leadership begun so far.</summary>
    public int Terms { get; private set; }

    /// <summary>Why the election loop is unhealthy, or null: it has not finished an attempt on the lease for much
    /// longer than its retry period and renew deadline allow.</summary>
    public string? Problem
    {
        get
        {
            var since = clock.GetElapsedTime(Interlocked.Read(ref _lastAttempt));
            var limit = 2 * (_timings.RetryPeriod + _timings.RenewDeadline);
            return since > limit
                ? $"leader election has not tried lease {@namespace}/{name} for {since.TotalSeconds:0} s (limit {limit.TotalSeconds:0} s)"
                : null;
        }
    }

    /// <summary>Competes for the lease until <paramref name="stop"/>; runs <paramref name="lead"/> while leading
    /// and cancels its token when leadership is lost or on shutdown.</summary>
    /// <exception cref="LeaseAccessException">The API server refuses this identity access to the Lease.</exception>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(lead);
        while (!stop.IsCancellationRequested)
        {
            if (await TryAcquireOrRenewAsync(_timings.RenewDeadline, stop).ConfigureAwait(false) is not { } acquired)
            {
                await Delay(_timings.RetryPeriod, stop).ConfigureAwait(false);
                continue;
            }
            IsLeader = true;
            Terms++;
            logger.Leadership(identity, "acquired", @namespace, name);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var work = Task.Run(() => lead(leading.Token), CancellationToken.None);
            await HoldAsync(acquired, work, stop).ConfigureAwait(false);
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

    // Renews every retry period until the work ends, the process stops, or no renewal succeeds before the renew deadline.
    private async Task HoldAsync(DateTimeOffset lastRenew, Task work, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && !work.IsCompleted)
        {
            var renewBy = lastRenew + _timings.RenewDeadline;
            var untilDeadline = renewBy - clock.GetUtcNow();
            await Delay(untilDeadline < _timings.RetryPeriod ? untilDeadline : _timings.RetryPeriod, stop).ConfigureAwait(false);
            if (stop.IsCancellationRequested || work.IsCompleted)
            {
                return;
            }
            if (await TryAcquireOrRenewAsync(renewBy - clock.GetUtcNow(), stop).ConfigureAwait(false) is { } renewed)
            {
                lastRenew = renewed;
            }
            else if (clock.GetUtcNow() >= renewBy)
            {
                logger.Leadership(identity, "lost (no renewal within the renew deadline)", @namespace, name);
                return;
            }
        }
    }

    // One attempt, bounded by `bound`: the time the lease was written (acquired or renewed), or null.
    private async Task<DateTimeOffset?> TryAcquireOrRenewAsync(TimeSpan bound, CancellationToken stop)
    {
        if (bound <= TimeSpan.Zero)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        using var timeout = new CancellationTokenSource(bound, clock);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            return await AcquireOrRenewAsync(now, attempt.Token).ConfigureAwait(false) ? now : null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
        {
            throw new LeaseAccessException(
                $"Leader election cannot use Lease {@namespace}/{name}: the API server answered {(int)e.Response.StatusCode}. " +
                $"Grant get, create and update on leases in {@namespace} (config/rbac/namespace_role.yaml), or run with --no-leader-election.", e);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null;
        }
        // Timeouts, resets, 5xx, 429, and anything else on the way: a failed attempt; the deadline decides what it means.
        catch (Exception e)
        {
            var reason = e is OperationCanceledException ? $"no answer within {bound.TotalSeconds:0.#} s" : e.Message;
            logger.LeaseUnreachable(identity, @namespace, name, reason);
            return null;
        }
        finally
        {
            Interlocked.Exchange(ref _lastAttempt, clock.GetTimestamp());
        }
    }

    private async Task<bool> AcquireOrRenewAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        V1Lease lease;
        try
        {
            lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            await client.CoordinationV1.CreateNamespacedLeaseAsync(NewLease(null, now, 0), @namespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
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
        await client.CoordinationV1.ReplaceNamespacedLeaseAsync(updated, name, @namespace, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return true;
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

    // A released lease has no holder, so another instance acquires it at its next attempt. The write carries the
    // resourceVersion just read, so a lease another instance has taken meanwhile is left alone.
    private async Task ReleaseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_timings.ReleaseTimeout);
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace,
                cancellationToken: timeout.Token).ConfigureAwait(false);
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
            logger.LeaseUnreachable(identity, @namespace, name, e is OperationCanceledException ? "no answer while releasing" : e.Message);
        }
    }

    private async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }
        try
        {
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>controller-runtime's defaults. The renew deadline must be shorter than the lease duration: the
/// difference is the time a leader that lost contact has to stop its work before another may start.</summary>
internal sealed record LeaseTimings
{
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long releasing the lease on shutdown may take.</summary>
    public TimeSpan ReleaseTimeout { get; init; } = TimeSpan.FromSeconds(3);
}
