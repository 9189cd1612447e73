using System.CommandLine;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Backtest;
using Tern.Backtest.Forecasts;
using Tern.Manifests;
using Tern.Planning.BundledData;
using Tern.Planning.Workflows;
using Tern.Solvers.Plans;

namespace Tern.Operator.Cli;

/// <summary>`tern backtest`: replays a window of the bundled real grid carbon through the planner and reports what a
/// workflow would really have emitted and paid, against home only, the best single region and the hourly oracle.</summary>
internal static class BacktestCommand
{
    public const int ExitInvalid = 1;
    public const int ExitUsage = 2;

    public static Command Create()
    {
        var workflow = new Argument<string>("workflow") { Description = "A ServerlessWorkflow manifest, or a directory of them." };
        var from = new Option<string>("--from") { Description = "First UTC day of the window, for example 2023-06-01.", Required = true };
        var to = new Option<string>("--to") { Description = "Last UTC day of the window (included), for example 2023-06-30.", Required = true };
        var home = new Option<string?>("--home") { Description = "Home region for the experiment (default: spec.homeRegion)." };
        var regions = new Option<string?>("--regions") { Description = "Comma-separated candidate regions besides home (default: spec.regions)." };
        var replan = new Option<string>("--replan") { Description = "daily, hourly or a whole number of hours (6h, 2d).", DefaultValueFactory = _ => "daily" };
        var forecast = new Option<string>("--forecast") { Description = Forecasters.Help + ".", DefaultValueFactory = _ => "trailing-mean:7d" };
        var constraints = new Option<string>("--constraints") { Description = ConstraintChoices.Help + ".", DefaultValueFactory = _ => "spec" };
        var invocations = new Option<string>("--invocations") { Description = "Invocations per hour: a number, 24 comma-separated numbers (UTC hours 0–23) or diurnal:<mean>.", DefaultValueFactory = _ => "100" };
        var output = new Option<string>("--out") { Description = "Directory for the CSV files and the report (one subdirectory per workflow).", DefaultValueFactory = _ => "backtest" };
        var report = new Option<bool>("--report") { Description = "Also write a self-contained HTML report with plots." };
        var timeKeys = new Option<int>("--time-keys") { Description = "Placements per day the planner makes (24; fewer only to go faster).", DefaultValueFactory = _ => 24 };
        var seed = new Option<int>("--seed") { Description = "Seed of the planner's random draws.", DefaultValueFactory = _ => 1 };
        var missingYears = new Option<string>("--missing-years") { Description = "shift: replay the same dates of an earlier year for a zone without data in the window's year (default); fail: stop with an error.", DefaultValueFactory = _ => "shift" };
        missingYears.AcceptOnlyFromAmong("shift", "fail");
        var command = new Command("backtest", "Replay real grid carbon through the planner and report what a workflow would have saved.")
        {
            workflow, from, to, home, regions, replan, forecast, constraints, invocations, output, report, timeKeys, seed, missingYears,
        };
        command.SetAction(result =>
        {
            var config = result.InvocationConfiguration;
            try
            {
                var request = Request(result.GetValue(from)!, result.GetValue(to)!, result.GetValue(home), result.GetValue(regions), result.GetValue(replan)!,
                    result.GetValue(forecast)!, result.GetValue(constraints)!, result.GetValue(invocations)!, result.GetValue(timeKeys), result.GetValue(seed),
                    result.GetValue(missingYears) == "shift");
                var workflows = Workflows(result.GetValue(workflow)!);
                var data = BundledDataSet.Load();
                foreach (var w in workflows)
                {
                    var run = BacktestRunner.Run(w, request, data, RegionCatalogue.Bundled, Progress(config.Error));
                    config.Output.Write(BacktestSummary.Render(run));
                    var directory = Path.Combine(result.GetValue(output)!, run.Workflow);
                    var files = BacktestCsv.Write(run, directory).ToList();
                    if (result.GetValue(report))
                    {
                        var path = Path.Combine(directory, "report.html");
                        File.WriteAllText(path, BacktestReport.Render(run));
                        files.Add(path);
                    }
                    config.Output.WriteLine($"wrote {string.Join(", ", files)}");
                    config.Output.WriteLine();
                }
                return 0;
            }
            catch (UsageException e)
            {
                config.Error.WriteLine($"tern backtest: {e.Message}");
                return ExitUsage;
            }
            catch (Exception e) when (e is BacktestInputException or WorkflowMappingException)
            {
                config.Error.WriteLine($"tern backtest: {e.Message}");
                return ExitInvalid;
            }
        });
        return command;
    }

    private static BacktestRequest Request(string from, string to, string? home, string? regions, string replan, string forecast, string constraints,
        string invocations, int timeKeys, int seed, bool shiftYears)
    {
        var start = BacktestArguments.Day("--from", from);
        var end = BacktestArguments.Day("--to", to);
        if (end < start)
        {
            throw new BacktestInputException($"--to {to} is before --from {from}; the window runs from --from to --to, both days included.");
        }
        var forecaster = Forecasters.Parse(forecast, out var error) ?? throw new BacktestInputException(error!);
        if (timeKeys is not (1 or 2 or 3 or 4 or 6 or 8 or 12 or 24))
        {
            throw new BacktestInputException($"--time-keys {timeKeys} must divide the day: 1, 2, 3, 4, 6, 8, 12 or 24.");
        }
        var catalogue = RegionCatalogue.Bundled;
        var regionList = regions?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var region in (home is null ? [] : new[] { home }).Concat(regionList ?? []))
        {
            if (!catalogue.Contains(region))
            {
                throw new BacktestInputException($"Unknown region '{region}'. Known regions with carbon data: " +
                    string.Join(", ", catalogue.All.Where(r => BundledDataSet.Load().Carbon.Find(r.DefaultZone) is not null).Select(r => r.Code)) + ".");
            }
        }
        return new BacktestRequest
        {
            From = start,
            To = end.AddDays(1),
            Home = home,
            Regions = regionList,
            Replan = BacktestArguments.Replan(replan),
            Forecast = forecaster,
            Constraints = ConstraintChoices.Parse(constraints),
            ConstraintsName = File.Exists(constraints) ? Path.GetFileName(constraints) : constraints,
            InvocationsPerHour = BacktestArguments.Invocations(invocations),
            TimeKeysPerDay = timeKeys,
            Seed = seed,
            Algorithm = AlgorithmChoice.Auto,
            ShiftMissingYears = shiftYears,
        };
    }

    private static List<ServerlessWorkflow> Workflows(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.yaml").Concat(Directory.EnumerateFiles(path, "*.yml")).Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path] : throw new UsageException($"{path} does not exist. Give a ServerlessWorkflow manifest or a directory of them.");
        var validator = new ManifestValidator(RegionCatalogue.Bundled);
        var workflows = new List<ServerlessWorkflow>();
        foreach (var file in files)
        {
            var report = validator.ValidateFile(file);
            var problems = report.FileProblems.Concat(report.Documents.SelectMany(d => d.Problems)).ToList();
            if (problems.Count > 0)
            {
                throw new BacktestInputException($"{file} is not valid (`tern validate {file}` shows where):\n" + string.Join("\n", problems.Select(p => $"  {p}")));
            }
            workflows.AddRange(report.Documents.Select(d => d.Resource).OfType<ServerlessWorkflow>());
        }
        return workflows.Count > 0 ? workflows : throw new BacktestInputException($"{path} holds no ServerlessWorkflow.");
    }

    // Long runs print how far they are, at most every tenth of the way, on stderr so the summary stays clean.
    private static Action<int, int> Progress(TextWriter error)
    {
        var gate = new object();
        var shown = 0;
        return (done, total) =>
        {
            lock (gate)
            {
                var tenth = done * 10 / total;
                if (total >= 20 && tenth > shown)
                {
                    shown = tenth;
                    error.WriteLine($"tern backtest: planned {done}/{total} periods");
                }
            }
        };
    }
}
