using System.Diagnostics;
using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Backtest.Forecasts;
using Tern.Planning;
using Tern.Planning.BundledData;
using Tern.Planning.Workflows;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;
using Tern.Solvers.Plans;
using Tern.Carbon.Bundled;
using Tern.Carbon;

namespace Tern.Backtest;

/// <summary>Replays a window of real grid carbon through the planner. At each re-plan instant the carbon profile is
/// built only from the hours before it (the oracle alone sees the day ahead), the real planner runs, and every
/// invocation of the following period is charged at the actual intensity of the hour it runs in. The baselines
/// (home only, best single region, hourly oracle) are charged the same way in the same run.</summary>
public static class BacktestRunner
{
    /// <param name="progress">Called with (periods planned, periods in all) as re-plans finish; may be called from worker threads.</param>
    public static BacktestResult Run(ServerlessWorkflow workflow, BacktestRequest request, BundledDataSet data, RegionCatalogue catalogue,
        Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(catalogue);
        var started = Stopwatch.StartNew();
        Check(request);
        var notes = new List<string>();
        var experiment = WorkflowOverrides.Apply(workflow, request, notes);
        var spec = experiment.Spec;
        var wanted = Wanted(spec, catalogue, data.Carbon, notes);
        var actual = ActualCarbon.Load(data.Carbon, catalogue, wanted, request.From, request.To, request.Forecast.HistoryHours,
            request.Forecast.Name, request.ShiftMissingYears);
        notes.AddRange(actual.Notes);
        var window = (From: actual.WindowOffset, Hours: actual.WindowHours);
        if (!actual[spec.HomeRegion].Covers(window.From, window.From + window.Hours))
        {
            throw new BacktestInputException($"The home region {spec.HomeRegion} has a gap of more than {ActualCarbon.MaxInterpolatedHours} h in " +
                $"its carbon data " +
                $"inside the window (see below); home is every strategy's fallback and the yardstick of savings, so it cannot be dropped. " +
                $"Choose another window.{Environment.NewLine}" +
                string.Join(Environment.NewLine, actual.Notes.Where(n => n.StartsWith(spec.HomeRegion + " ", StringComparison.Ordinal))));
        }

        // One problem over every region with data charges all strategies; its carbon values are unused (ExactFor gets the actual hour's).
        var full = Map(experiment, WindowMeanProfile(actual), data, catalogue);
        notes.AddRange(full.Notes.Skip(1));
        var codes = full.Regions.Select(r => r.Code).ToList();
        var context = new EvaluationContext(full, new EvaluatorOptions { Seed = request.Seed });
        var charging = new Charging(context, codes, actual, window.From, window.Hours);

        var evaluator = context.ForTimeKey(0, 1);
        int[] homePlacement = [.. evaluator.HomePlacement];
        var homeEstimate = evaluator.Home;
        var planner = new PeriodPlanner(experiment, request, data, catalogue, actual, context, window.From, window.Hours,
            homeEstimate.RuntimeP95Seconds)
        {
            Instances = full.Instances.Count,
        };
        var forecastPeriods = planner.Periods(request.Forecast, request.ReplanHours, request.TimeKeysPerDay);
        var reuseOracle = request.Forecast.LooksAhead && request.ReplanHours == 24 && request.TimeKeysPerDay == 24;
        var oraclePeriods = reuseOracle ? [] : planner.Periods(new OracleForecaster(), 24, 24);
        var total = forecastPeriods.Count + oraclePeriods.Count;
        var done = 0;
        void Report() => progress?.Invoke(Interlocked.Increment(ref done), total);
        planner.PlanAll([.. forecastPeriods, .. oraclePeriods], Report);
        NoteDropped(forecastPeriods, notes);

        var strategies = new List<StrategyResult>
        {
            charging.Charge(request.Forecast.Name, StrategyKind.Forecast, PeriodPlanner.Hourly(forecastPeriods, window.Hours),
                request.InvocationsPerHour, request.From),
            charging.Charge("home only", StrategyKind.Home, Constant(homePlacement, homeEstimate, window.Hours),
                request.InvocationsPerHour, request.From),
        };
        var best = SingleRegionBaseline.Choose(full, evaluator, homeEstimate, actual, codes, window, (placement, estimate) =>
            charging.Charge("best single region", StrategyKind.BestSingleRegion, Constant(placement, estimate, window.Hours),
                request.InvocationsPerHour, request.From));
        notes.Add(best.Note);
        strategies.Add(best.Charged with { Name = $"best single region ({codes[best.Region]})" });
        strategies.Add(charging.Charge("hourly oracle", StrategyKind.Oracle,
            PeriodPlanner.Hourly(reuseOracle ? forecastPeriods : oraclePeriods, window.Hours), request.InvocationsPerHour, request.From));

        return new BacktestResult
        {
            Workflow = experiment.Metadata?.Name ?? "workflow",
            Request = request,
            Regions = codes,
            Instances = [.. full.Instances.Select(i => i.Name)],
            InstanceFunctions = [.. full.Instances.Select(i => i.Function)],
            WindowStart = request.From,
            Hours = window.Hours,
            ActualGramsPerKwh = [.. codes.Select(c => actual[c].Values.AsSpan(window.From, window.Hours).ToArray())],
            Invocations = [.. Enumerable.Range(0, window.Hours).Select(h => request.InvocationsPerHour[request.From.AddHours(h).Hour])],
            Strategies = strategies,
            Periods = [.. forecastPeriods.Select(p => p.Result!)],
            Notes = notes,
            Elapsed = started.Elapsed,
        };
    }

    private static void Check(BacktestRequest request)
    {
        if (request.To <= request.From)
        {
            throw new BacktestInputException($"--to {ActualCarbon.Day(request.To.AddDays(-1))} is before --from {ActualCarbon.Day(request.From)}: " +
                $"the window must hold at least one day.");
        }
        if (request.Replan < TimeSpan.FromHours(1) || request.Replan.Ticks % TimeSpan.TicksPerHour != 0)
        {
            throw new BacktestInputException($"--replan {request.Replan} must be a whole number of hours (daily, hourly, 6h, 2d, …).");
        }
        if (request.InvocationsPerHour.Count != 24 || request.InvocationsPerHour.Any(v => !double.IsFinite(v) || v < 0))
        {
            throw new BacktestInputException("--invocations needs 24 non-negative numbers, one per UTC hour of the day.");
        }
    }

    // The regions the experiment may use: home plus spec.regions; with no list, every catalogue region whose zone has data.
    private static List<string> Wanted(ServerlessWorkflowSpec spec, RegionCatalogue catalogue, CarbonHistory carbon, List<string> notes)
    {
        var listed = spec.Regions.Count > 0
            ? spec.Regions
            : [.. catalogue.All.Where(r => carbon.Find(r.DefaultZone) is not null).Select(r => r.Code)];
        if (spec.Regions.Count == 0)
        {
            notes.Add($"the workflow lists no regions: every region with bundled carbon data is a candidate ({string.Join(", ", listed)})");
        }
        return [.. new[] { spec.HomeRegion }.Concat(listed).Where(r => !spec.ExcludedRegions.Contains(r)).Distinct(StringComparer.Ordinal)];
    }

    internal static PlanningProblem Map(ServerlessWorkflow workflow, ICarbonProfile profile, BundledDataSet data, RegionCatalogue catalogue) =>
        WorkflowProblemMapper.Map(workflow, profile, data.LambdaPrices, data.TransferPrices, data.Latency, catalogue).Problem;

    private static ForecastProfile WindowMeanProfile(ActualCarbon actual)
    {
        var offset = actual.WindowOffset;
        return new ForecastProfile("carbon: the actual hour of each invocation (charging)", actual.Regions.ToDictionary(r => r, r =>
        {
            var series = actual[r];
            var known = series.Values.AsSpan(offset, actual.WindowHours).ToArray().Where(double.IsFinite).DefaultIfEmpty(0).Average();
            return ForecastProfile.Available(r, series.Zone, [.. Enumerable.Repeat(known, 24)]);
        }, StringComparer.Ordinal));
    }

    private static HourlyPlacement[] Constant(int[] placement, Estimate estimate, int hours) =>
        [.. Enumerable.Repeat(new HourlyPlacement(placement, estimate.RuntimeP95Seconds), hours)];

    private static void NoteDropped(List<PeriodPlanner.Period> periods, List<string> notes)
    {
        foreach (var group in periods.SelectMany(p => p.Result!.Dropped.Select(d => (d, p.Start))).GroupBy(x => x.d))
        {
            var starts = group.Select(x => x.Start).ToList();
            notes.Add($"{group.Key} dropped from {starts.Count} re-plan period(s) ({ActualCarbon.Time(starts[0])} … " +
                $"{ActualCarbon.Time(starts[^1])}): " +
                $"a gap of more than {ActualCarbon.MaxInterpolatedHours} h in its data");
        }
    }
}

/// <summary>The placement used in one hour and the 95th percentile of its run time.</summary>
internal sealed record HourlyPlacement(int[] Placement, double RuntimeP95Seconds);
