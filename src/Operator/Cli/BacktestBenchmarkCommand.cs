using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Tern.Backtest;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Planning.BundledData;

namespace Tern.Operator.Cli;

/// <summary>`tern bench backtest`: times a 30-day backtest of a 12-function workflow over 4 regions, re-planned daily
/// (target under 5 s on 2 cores) and hourly (target under 60 s). Both include the oracle baseline's daily re-plans.</summary>
internal static class BacktestBenchmarkCommand
{
    public static Command Command()
    {
        var skipHourly = new Option<bool>("--daily-only") { Description = "Skip the hourly re-plan run." };
        var command = new Command("backtest", "Benchmark the backtest: June 2023, 12 functions, 4 regions, daily and hourly " +
            "re-plans.") { skipHourly };
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
                var run = BacktestRunner.Run(BenchmarkWorkflow.Create(), request, data, RegionCatalogue.Bundled);
                var seconds = stopwatch.Elapsed.TotalSeconds;
                // The oracle baseline re-plans each day of the window with every time key.
                var oracleRuns = (request.To - request.From).Days;
                var oracleKeys = oracleRuns * request.TimeKeysPerDay;
                var keys = run.Periods.Sum(p => p.Plan?.TimeKeys.Count ?? 0) + oracleKeys;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-7}  {run.Periods.Count,7}  {run.Periods.Count + oracleRuns,12}  {keys,13}  {seconds,7:0.00}  <{target,4:0} s " +
                        $" {run.CarbonSavedPercent(run.Of(StrategyKind.Forecast)),6:0.0}% " +
                            $"/ {run.CarbonSavedPercent(run.Of(StrategyKind.Oracle)),5:0.0}%  {(seconds < target ? "ok" : "SLOWER THAN TARGET")}"));
            }
            return 0;
        });
        return command;
    }
}
