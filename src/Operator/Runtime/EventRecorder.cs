using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Tern.Operator.Runtime;

/// <summary>Records Kubernetes Events about objects. Repeats of the same reason and message on the same
/// object within ten minutes update one event's count instead of creating new ones; a failure to record
/// is logged, never thrown (events are best effort).</summary>
internal sealed class EventRecorder(IKubernetes client, TimeProvider clock, ILogger logger)
{
    private static readonly TimeSpan AggregationWindow = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (string Name, string Namespace, int Count, DateTimeOffset Last)> _recent = new();

    public async Task RecordAsync(IKubernetesObject<V1ObjectMeta> subject, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var key = new ResourceKey(subject.Metadata.NamespaceProperty, subject.Metadata.Name);
        // Cluster-scoped objects' events go to "default", as the API server's own components do.
        var eventNamespace = subject.Metadata.NamespaceProperty ?? "default";
        var now = clock.GetUtcNow();
        var id = $"{subject.Kind}/{key}/{reason}/{message}";
        try
        {
            if (_recent.TryGetValue(id, out var seen) && now - seen.Last < AggregationWindow)
            {
                var patch = new V1Patch($"{{\"count\":{seen.Count + 1},\"lastTimestamp\":\"{now.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\"}}", V1Patch.PatchType.MergePatch);
                await client.CoreV1.PatchNamespacedEventAsync(patch, seen.Name, seen.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                _recent[id] = (seen.Name, seen.Namespace, seen.Count + 1, now);
                return;
            }
            var created = await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { GenerateName = $"{subject.Metadata.Name}.", NamespaceProperty = eventNamespace },
                InvolvedObject = new V1ObjectReference
                {
                    ApiVersion = subject.ApiVersion,
                    Kind = subject.Kind,
                    Name = subject.Metadata.Name,
                    NamespaceProperty = subject.Metadata.NamespaceProperty,
                    Uid = subject.Metadata.Uid,
                    ResourceVersion = subject.Metadata.ResourceVersion,
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
            _recent[id] = (created.Metadata.Name, eventNamespace, 1, now);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.EventFailed(e, reason, key);
        }
    }
}
