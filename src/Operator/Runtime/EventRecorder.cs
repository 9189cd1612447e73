using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Tern.Operator.Runtime;

/// <summary>Records Kubernetes Events about objects. Repeats of the same reason and message on the same
/// object within ten minutes update one event's count instead of creating new ones; what it remembers for that
/// expires with the window and is capped, so memory does not grow with every object ever seen. A failure to
/// record is logged, never thrown (events are best effort).</summary>
internal sealed class EventRecorder(IKubernetes client, TimeProvider clock, ILogger logger, int capacity = EventRecorder.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;
    private static readonly TimeSpan AggregationWindow = TimeSpan.FromMinutes(10);
    private readonly Dictionary<string, Recent> _recent = [];
    private readonly object _gate = new();
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Events remembered for aggregation.</summary>
    public int Remembered
    {
        get
        {
            lock (_gate)
            {
                return _recent.Count;
            }
        }
    }

    public Task RecordAsync(IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message,
        CancellationToken cancellationToken) => RecordAsync(ObjectReference.Of(subject), type, reason, message, cancellationToken);

    public async Task RecordAsync(ObjectReference subject, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        // Cluster-scoped objects' events go to "default", as the API server's own components do.
        var eventNamespace = subject.Namespace ?? "default";
        var now = clock.GetUtcNow();
        var id = $"{subject.Kind}/{subject.Key}/{reason}/{message}";
        try
        {
            if (Find(id, now) is { } seen)
            {
                var patch = new V1Patch($"{{\"count\":{seen.Count + 1},\"lastTimestamp\":\"{now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\"}}",
                    V1Patch.PatchType.MergePatch);
                await client.CoreV1.PatchNamespacedEventAsync(patch, seen.Name, seen.Namespace,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                Remember(id, seen with { Count = seen.Count + 1, Last = now }, now);
                return;
            }
            var created = await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { GenerateName = $"{subject.Name}.", NamespaceProperty = eventNamespace },
                InvolvedObject = new V1ObjectReference
                {
                    ApiVersion = subject.ApiVersion,
                    Kind = subject.Kind,
                    Name = subject.Name,
                    NamespaceProperty = subject.Namespace,
                    Uid = subject.Uid,
                    ResourceVersion = subject.ResourceVersion,
                },
                Type = type,
                Reason = reason,
                Message = message,
                Count = 1,
                FirstTimestamp = now.UtcDateTime,
                LastTimestamp = now.UtcDateTime,
                Source = new V1EventSource { Component = "tern" },
                ReportingComponent = "tern",
            }, eventNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            Remember(id, new Recent(created.Metadata.Name, eventNamespace, 1, now), now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.EventFailed(reason, subject.Key, e.Message);
        }
    }

    private Recent? Find(string id, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _recent.TryGetValue(id, out var seen) && now - seen.Last < AggregationWindow ? seen : null;
        }
    }

    private void Remember(string id, Recent recent, DateTimeOffset now)
    {
        lock (_gate)
        {
            _recent[id] = recent;
            if (now < _nextSweep && _recent.Count <= capacity)
            {
                return;
            }
            // Entries outside the window can no longer aggregate anything; past the cap the oldest go first.
            var expired = _recent.Where(r => now - r.Value.Last >= AggregationWindow).Select(r => r.Key).ToList();
            var excess = _recent.Count - expired.Count - capacity;
            if (excess > 0)
            {
                expired.AddRange(_recent.Where(r => now - r.Value.Last < AggregationWindow).OrderBy(r => r.Value.Last).Take(excess)
                    .Select(r => r.Key));
            }
            foreach (var key in expired)
            {
                _recent.Remove(key);
            }
            _nextSweep = now + AggregationWindow / 10;
        }
    }

    private sealed record Recent(string Name, string Namespace, int Count, DateTimeOffset Last);
}
