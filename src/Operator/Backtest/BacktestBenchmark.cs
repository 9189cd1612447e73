using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Planning.BundledData;

namespace Tern.Operator.Backtest;

/// <summary>`tern bench backtest`: times a 30-day backtest of a 12-function workflow over 4 regions, re-planned daily
/// (target under 5 s on 2 cores) and hourly (target under 60 s). Both include the oracle baseline's daily re-plans.</summary>
internal static class BacktestBenchmark
{
    public static Command Command()
    {
        var skipHourly = new Option<bool>("--daily-only") { Description = "Skip the hourly re-plan run." };
        var command = new Command("backtest", "Benchmark the backtest: June 2023, 12 functions, 4 regions, daily and hourly re-plans.") { skipHourly };
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            var data = BundledDataSet.Load();
            output.WriteLine("re-plan  periods  planner runs  keys searched  seconds  target  carbon saved (forecast / oracle)");
            foreach (var (name, replan, target) in new[] { ("daily", TimeSpan.FromDays(1), 5.0), ("hourly", TimeSpan.FromHours(1), 60.0) })
            {
                if (name == "hourly" && result.GetValue(skipHourly))
                {
                    continue;
                }
                var request = new BacktestRequest
                {
                    From = new DateTime(2023, 6, 1, 0, 0, 0, DateTimeKind.Utc),
                    To = new DateTime(2023, 7, 1, 0, 0, 0, DateTimeKind.Utc),
                    Replan = replan,
                    Constraints = new ConstraintsSpec(),
                    ConstraintsName = "none",
                };
                var stopwatch = Stopwatch.StartNew();
                var run = BacktestRunner.Run(Workflow(), request, data, RegionCatalogue.Bundled);
                var seconds = stopwatch.Elapsed.TotalSeconds;
                // The oracle baseline re-plans each day of the window with every time key.
                var oracleRuns = (request.To - request.From).Days;
                var oracleKeys = oracleRuns * request.TimeKeysPerDay;
                var keys = run.Periods.Sum(p => p.Plan?.TimeKeys.Count ?? 0) + oracleKeys;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-7}  {run.Periods.Count,7}  {run.Periods.Count + oracleRuns,12}  {keys,13}  {seconds,7:0.00}  <{target,4:0} s  {run.CarbonSavedPercent(run.Of(StrategyKind.Forecast)),6:0.0}% / {run.CarbonSavedPercent(run.Of(StrategyKind.Oracle)),5:0.0}%  {(seconds < target ? "ok" : "SLOWER THAN TARGET")}"));
            }
            return 0;
        });
        return command;
    }

    /// <summary>Twelve functions: ingest → split → nine distinct stages (six of them conditional) → a join, each with its own size and run time.</summary>
    internal static ServerlessWorkflow Workflow()
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
                    new FunctionSpec { Name = "ingest", Image = image, MemoryMiB = 1024, Calls = [new CallSpec { Function = "split" }], Profile = new FunctionProfile { RuntimeMilliseconds = 500, OutputBytes = 1_000_000 } },
                    new FunctionSpec { Name = "split", Image = image, MemoryMiB = 1024, Calls = [.. Enumerable.Range(1, 9).Select(i => new CallSpec { Function = $"stage-{i}", Probability = i <= 3 ? 1 : 0.5 })], Profile = new FunctionProfile { RuntimeMilliseconds = 700, OutputBytes = 200_000 } },
                    .. stages,
                    new FunctionSpec { Name = "merge", Image = image, MemoryMiB = 2048, Join = true, Profile = new FunctionProfile { RuntimeMilliseconds = 1500 } },
                ],
            },
        };
    }
}
