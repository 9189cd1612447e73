using k8s.Models;
using Tern.Footprint.Jobs;

namespace Tern.Footprint.Kubernetes;

/// <summary>Jobs of a cluster without Slurm: each Kubernetes Job is a job, and each of its pods an allocation on the
/// node the pod ran on, from the pod's start to the moment its last container finished (or now, while one still runs).
/// A pod belongs to a Job by its owner reference, else by the job-name label the Job controller sets.</summary>
public static class KubernetesJobs
{
    private static readonly string[] JobNameLabels = ["batch.kubernetes.io/job-name", "job-name"];

    public static IReadOnlyList<BatchJob> From(IEnumerable<V1Job> jobs, IEnumerable<V1Pod> pods, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(pods);
        var byJob = pods.GroupBy(JobOf).Where(g => g.Key is not null).ToDictionary(g => g.Key!, g => g.ToList(), StringComparer.Ordinal);
        var result = new List<BatchJob>();
        foreach (var job in jobs.OrderBy(j => j.Metadata?.CreationTimestamp).ThenBy(j => j.Metadata?.Name, StringComparer.Ordinal))
        {
            var name = job.Metadata?.Name ?? "";
            var id = $"{job.Metadata?.NamespaceProperty}/{name}";
            var allocations = new List<JobAllocation>();
            var notes = new List<string>();
            foreach (var pod in byJob.GetValueOrDefault(name, []).OrderBy(p => p.Metadata?.Name, StringComparer.Ordinal))
            {
                var podName = pod.Metadata?.Name ?? "";
                if (pod.Spec?.NodeName is not { Length: > 0 } node)
                {
                    notes.Add($"pod {podName} was never scheduled on a node; left out");
                    continue;
                }
                if (Start(pod) is not { } start)
                {
                    notes.Add($"pod {podName} has not started; left out");
                    continue;
                }
                var end = End(pod);
                if (end is null)
                {
                    notes.Add($"pod {podName} is still running; counted until {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
                }
                allocations.Add(new JobAllocation(podName, start, end ?? now, [node], end is null));
            }
            var problem = allocations.Count == 0 ? "no pod of the Job ran on a node (they may have been deleted; keep them with " +
                "ttlSecondsAfterFinished unset)" : null;
            result.Add(new BatchJob(id, allocations, notes, problem));
        }
        return result;
    }

    private static string? JobOf(V1Pod pod)
    {
        var owner = pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Kind == "Job");
        if (owner is not null)
        {
            return owner.Name;
        }
        var labels = pod.Metadata?.Labels;
        return labels is null ? null
            : JobNameLabels.Select(l => labels.TryGetValue(l, out var value) ? value : null).FirstOrDefault(v => v is not null);
    }

    // The pod's start as the kubelet saw it, else its first container's.
    private static DateTimeOffset? Start(V1Pod pod)
    {
        if (pod.Status?.StartTime is { } started)
        {
            return Utc(started);
        }
        var times = Containers(pod).Select(c => c.State?.Running?.StartedAt ?? c.State?.Terminated?.StartedAt).OfType<DateTime>().ToList();
        return times.Count == 0 ? null : Utc(times.Min());
    }

    // The last container's finish once every container has terminated; null while any still runs.
    private static DateTimeOffset? End(V1Pod pod)
    {
        var containers = Containers(pod);
        if (containers.Count == 0 || containers.Any(c => c.State?.Terminated?.FinishedAt is null))
        {
            return pod.Status?.Phase is "Succeeded" or "Failed" && pod.Status.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.LastTransitionTime
                is { } readyChange ? Utc(readyChange) : null;
        }
        return Utc(containers.Max(c => c.State!.Terminated!.FinishedAt!.Value));
    }

    private static List<V1ContainerStatus> Containers(V1Pod pod) => [.. pod.Status?.ContainerStatuses ?? []];

    private static DateTimeOffset Utc(DateTime time) =>
        new(DateTime.SpecifyKind(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time, DateTimeKind.Utc));
}
