using k8s.Models;
using Tern.Footprint.Kubernetes;

namespace Tern.Footprint.Tests.Kubernetes;

public class KubernetesJobsTests
{
    private static readonly DateTime Start = new(2023, 6, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTimeOffset Now = new(2023, 6, 1, 12, 0, 0, TimeSpan.Zero);

    internal static V1Pod Pod(string name, string job, string? node, DateTime? started, DateTime? finished) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name, NamespaceProperty = "batch",
            OwnerReferences = [new V1OwnerReference { ApiVersion = "batch/v1", Kind = "Job", Name = job, Uid = "u" }],
        },
        Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "main" }] },
        Status = new V1PodStatus
        {
            StartTime = started,
            ContainerStatuses = started is null ? [] :
            [
                new V1ContainerStatus
                {
                    Name = "main", Image = "i", ImageID = "i", Ready = finished is null, RestartCount = 0,
                    State = finished is { } end
                        ? new V1ContainerState { Terminated = new V1ContainerStateTerminated { StartedAt = started, FinishedAt = end, ExitCode = 0 } }
                        : new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = started } },
                },
            ],
        },
    };

    internal static V1Job Job(string name) => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "batch" } };

    [Fact]
    public void Each_pod_is_an_allocation_on_its_node_from_its_start_to_its_last_container_s_end()
    {
        var jobs = KubernetesJobs.From([Job("render")],
        [
            Pod("render-a", "render", "node-1", Start, Start.AddMinutes(40)),
            Pod("render-b", "render", "node-2", Start.AddMinutes(5), null),
            Pod("render-c", "render", null, null, null),
            Pod("other-x", "other", "node-3", Start, Start.AddMinutes(1)),
        ], Now);
        var job = Assert.Single(jobs);
        Assert.Equal("batch/render", job.Id);
        Assert.Equal(["node-1", "node-2"], job.Nodes);
        Assert.Equal(new DateTimeOffset(Start.AddMinutes(40)), job.Allocations[0].End);
        Assert.True(job.Allocations[1].Running);
        Assert.Equal(Now, job.Allocations[1].End);
        Assert.Contains(job.Notes, n => n.Contains("render-c was never scheduled", StringComparison.Ordinal));
    }

    [Fact]
    public void A_job_whose_pods_are_gone_is_unknown_with_the_reason()
    {
        var job = Assert.Single(KubernetesJobs.From([Job("gone")], [], Now));
        Assert.Contains("no pod of the Job ran on a node", job.Problem, StringComparison.Ordinal);
    }
}
