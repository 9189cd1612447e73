using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;

namespace Tern.Backtest;

/// <summary>The workflow `tern bench backtest` replays, and the tests that compare re-planning strategies on it.</summary>
public static class BenchmarkWorkflow
{
    /// <summary>Twelve functions: ingest → split → nine distinct stages (six of them conditional) → a join, each with its own size and run
    /// time.</summary>
    public static ServerlessWorkflow Create()
    {
        const string image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/bench:1.0";
        var stages = Enumerable.Range(1, 9).Select(i => new FunctionSpec
        {
            Name = $"stage-{i}",
            Image = image,
            MemoryMiB = 512 * (1 + i % 4),
            Calls = [new CallSpec { Function = "merge" }],
            Profile = new FunctionProfile { RuntimeMilliseconds = 800 + 400 * i, OutputBytes = 20_000 * i },
        });
        return new ServerlessWorkflow
        {
            Metadata = new() { Name = "bench-12" },
            Spec = new ServerlessWorkflowSpec
            {
                HomeRegion = "us-east-1",
                Regions = ["us-east-1", "us-west-1", "us-west-2", "ca-central-1"],
                ExecutionRoleArn = "arn:aws:iam::123456789012:role/bench",
                Entrypoint = "ingest",
                Functions =
                [
                    new FunctionSpec { Name = "ingest", Image = image, MemoryMiB = 1024, Calls = [new CallSpec { Function = "split" }],
                        Profile = new FunctionProfile { RuntimeMilliseconds = 500, OutputBytes = 1_000_000 } },
                    new FunctionSpec { Name = "split", Image = image, MemoryMiB = 1024, Calls = [.. Enumerable.Range(1,
                        9).Select(i => new CallSpec { Function = $"stage-{i}", Probability = i <= 3 ? 1 : 0.5 })],
                            Profile = new FunctionProfile { RuntimeMilliseconds = 700, OutputBytes = 200_000 } },
                    .. stages,
                    new FunctionSpec { Name = "merge", Image = image, MemoryMiB = 2048, Join = true,
                        Profile = new FunctionProfile { RuntimeMilliseconds = 1500 } },
                ],
            },
        };
    }
}
