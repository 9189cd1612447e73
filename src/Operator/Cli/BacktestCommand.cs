using System.CommandLine;
using Tern.Backtest;
using Tern.Backtest.Forecasts;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Planning.BundledData;
using Tern.Solvers.Plans;

namespace Tern.Operator.Cli;

/// <summary>`tern backtest`: replays a window of the bundled real grid carbon through the planner and reports what a
/// workflow would really have emitted and paid, against home only, the best single region and the hourly oracle.</summary>
internal static class BacktestCommand
{
    public static readonly IReadOnlyList<ExitCodeMeaning> ExitCodes =
    [
        new(Cli.ExitCodes.Success, "replayed; the summary is printed and the files written"),
        new(Cli.ExitCodes.Failed, "an input cannot be used: an invalid manifest, a window or region without data, a constraints file that is not " +
            "one"),
        new(Cli.ExitCodes.Usage, "usage: a missing option, a path that does not exist, an unknown region or preset, a value in the wrong form"),
    ];

    public static Command Create()
    {
        var workflow = new Argument<string>("workflow")
        {
            Description = "A ServerlessWorkflow manifest, or a directory of them; each is replayed in turn.",
        };
        var from = new Option<string>("--from") { Description = "First UTC day of the window, for example 2023-06-01.", Required = true };
        var to = new Option<string>("--to") { Description = "Last UTC day of the window (included), for example 2023-06-30.", Required = true };
        var home = new Option<string?>("--home") { Description = "Home region for the experiment (default: spec.homeRegion)." };
        var regions = new Option<string?>("--regions") { Description = "Comma-separated candidate regions besides home (default: spec.regions)." };
        var replan = new Option<string>("--replan")
        {
            Description = "daily, hourly or a whole number of hours (6h, 2d).",
            DefaultValueFactory = _ => "daily",
        };
        var forecast = new Option<string>("--forecast") { Description = Forecasters.Help + ".", DefaultValueFactory = _ => "trailing-mean:7d" };
        var constraints = new Option<string>("--constraints") { Description = ConstraintChoices.Help + ".", DefaultValueFactory = _ => "spec" };
        var invocations = new Option<string>("--invocations")
        {
            Description = "Invocations per hour: a number, 24 comma-separated numbers (UTC hours 0-23) or diurnal:<mean>.",
            DefaultValueFactory = _ => "100",
        };
        var output = new Option<string?>("--output-dir")
        {
            Description = "Directory for the CSV files and the report, one subdirectory per workflow (default: tern-backtest-<from>_<to>, " +
                "git-ignored).",
        };
        var report = new Option<bool>("--report") { Description = "Also write a self-contained HTML report with plots." };
        var timeKeys = new Option<int>("--time-keys")
        {
            Description = "Placements per day the planner makes (fewer only to go faster).",
            DefaultValueFactory = _ => 24,
        };
        ValueParsers.AcceptTimeKeyCounts(timeKeys);
        var seed = new Option<int>("--seed") { Description = "Seed of the planner's random draws.", DefaultValueFactory = _ => 1 };
        var missingYears = new Option<string>("--missing-years")
        {
            Description = "For a zone without data in the window's year: shift replays the same dates of an earlier year, fail stops with an error.",
            DefaultValueFactory = _ => "shift",
        };
        ValueParsers.AcceptOnly(missingYears, "shift", "fail");
        var command = new Command("backtest", "Replay real grid carbon through the planner and report what a workflow would have saved.")
        {
            workflow, from, to, home, regions, replan, forecast, constraints, invocations, output, report, timeKeys, seed, missingYears,
        };
        command.SetAction(result =>
        {
            var config = result.InvocationConfiguration;
            var request = Request(result.GetValue(from)!, result.GetValue(to)!, result.GetValue(home), result.GetValue(regions),
                result.GetValue(replan)!,
                result.GetValue(forecast)!, result.GetValue(invocations)!, result.GetValue(timeKeys), result.GetValue(seed),
                result.GetValue(missingYears) == "shift");
            request = request with
            {
                Constraints = Constraints(result.GetValue(constraints)!),
                ConstraintsName = File.Exists(result.GetValue(constraints))
                    ? Path.GetFileName(result.GetValue(constraints)!)
                    : result.GetValue(constraints)!,
            };
            var workflows = ManifestFiles.Read<ServerlessWorkflow>(result.GetValue(workflow)!, "a ServerlessWorkflow manifest");
            var directory = result.GetValue(output) ?? $"tern-backtest-{ActualDay(request.From)}_{ActualDay(request.To.AddDays(-1))}";
            var data = BundledDataSet.Load();
            foreach (var w in workflows)
            {
                var name = w.Metadata?.Name ?? "workflow";
                var run = BacktestRunner.Run(w, request, data, RegionCatalogue.Bundled, Progress(config.Error, name));
                config.Output.Write(BacktestSummary.Render(run));
                var files = BacktestCsv.Write(run, Path.Combine(directory, run.Workflow)).ToList();
                if (result.GetValue(report))
                {
                    var path = Path.Combine(directory, run.Workflow, "report.html");
                    File.WriteAllText(path, BacktestReport.Render(run));
                    files.Add(path);
                }
                config.Output.WriteLine($"wrote {string.Join(", ", files)}");
                config.Output.WriteLine();
            }
            return Cli.ExitCodes.Success;
        });
        return command;
    }

    // Everything here is read from the command line, so a value that cannot be read is a usage error (exit 2).
    private static BacktestRequest Request(string from, string to, string? home, string? regions, string replan, string forecast,
        string invocations, int timeKeys, int seed, bool shiftYears)
    {
        try
        {
            var start = BacktestArguments.Day("--from", from);
            var end = BacktestArguments.Day("--to", to);
            if (end < start)
            {
                throw new UsageException($"--to {to} is before --from {from}; the window runs from --from to --to, both days included.");
            }
            var forecaster = Forecasters.Parse(forecast, out var error) ?? throw new UsageException(error!);
            var regionList = regions?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var named = (home is null ? [] : new[] { ("--home", home) }).Concat((regionList ?? []).Select(r => ("--regions", r)));
            foreach (var (option, region) in named)
            {
                CheckRegion(option, region);
            }
            return new BacktestRequest
            {
                From = start,
                To = end.AddDays(1),
                Home = home,
                Regions = regionList,
                Replan = BacktestArguments.Replan(replan),
                Forecast = forecaster,
                InvocationsPerHour = BacktestArguments.Invocations(invocations),
                TimeKeysPerDay = timeKeys,
                Seed = seed,
                Algorithm = AlgorithmChoice.Auto,
                ShiftMissingYears = shiftYears,
            };
        }
        catch (BacktestInputException e)
        {
            throw new UsageException(e.Message, e);
        }
    }

    private static void CheckRegion(string option, string region)
    {
        var catalogue = RegionCatalogue.Bundled;
        if (catalogue.Contains(region))
        {
            return;
        }
        var carbon = BundledDataSet.Load().Carbon;
        var withData = catalogue.All.Where(r => carbon.Find(r.DefaultZone) is not null).Select(r => r.Code).ToList();
        throw new UsageException($"{option}: '{region}' is not an AWS region in Tern's catalogue.{catalogue.DidYouMean(region)} " +
            $"Regions with bundled carbon data: {string.Join(", ", withData)}.");
    }

    // A preset or a file that does not exist is a wrong command line; a file that is not a constraints block is a bad input.
    private static ConstraintsSpec? Constraints(string text)
    {
        if (!File.Exists(text) && !ConstraintChoices.Presets.Contains(text))
        {
            throw new UsageException($"--constraints '{text}' is neither a preset nor a file; use {ConstraintChoices.Help}.");
        }
        return ConstraintChoices.Parse(text);
    }

    private static string ActualDay(DateTime day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // Long runs print how far they are, at most every tenth of the way, on stderr so the summary on stdout stays clean.
    private static Action<int, int> Progress(TextWriter error, string workflow)
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
                    error.WriteLine($"tern backtest: {workflow}: planned {done}/{total} periods");
                }
            }
        };
    }
}
