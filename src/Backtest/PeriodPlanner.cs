using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Backtest.Forecasts;
using Tern.Planning;
using Tern.Planning.BundledData;
using Tern.Planning.Workflows;
using Tern.Solvers.Evaluation;
using Tern.Solvers.Model;
using Tern.Solvers.Plans;
using Tern.Solvers.Time;
using Tern.Carbon;

namespace Tern.Backtest;

/// <summary>Plans the re-plan periods of one strategy. Each period's plan depends only on the data before its
/// instant (and, for the oracle, the day after), never on another period's plan, so periods are planned in parallel.
/// A period whose regions all have data plans <paramref name="full"/>'s problem with only the forecast carbon swapped
/// in, sharing its evaluation context; one that lost a region to a gap maps the workflow again without it.</summary>
internal sealed class PeriodPlanner(ServerlessWorkflow workflow, BacktestRequest request, BundledDataSet data, RegionCatalogue catalogue,
    ActualCarbon actual, EvaluationContext full, int windowFrom, int windowHours, double homeRuntimeP95Seconds)
{
    private readonly IReadOnlyList<string> _codes = [.. full.Problem.Regions.Select(r => r.Code)];

    private readonly Dictionary<string, int> _index = full.Problem.Regions.Select((r, i) => (r.Code, i)).ToDictionary(x => x.Code, x => x.i,
        StringComparer.Ordinal);

    /// <summary>One re-plan: its instant, its hours (relative to the window) and, once planned, its outcome.</summary>
    internal sealed class Period(IForecaster forecast, int timeKeys, DateTime start, int fromHour, int hours)
    {
        public IForecaster Forecast => forecast;

        public int TimeKeys => timeKeys;

        public DateTime Start => start;

        /// <summary>First hour of the period, counted from the window's start.</summary>
        public int FromHour => fromHour;

        public int Hours => hours;

        public PeriodPlan? Result { get; set; }

        public HourlyPlacement[]? Placements { get; set; }
    }

    /// <summary>The periods of a strategy that re-plans every <paramref name="replanHours"/> hours from the window's start.</summary>
    public List<Period> Periods(IForecaster forecast, int replanHours, int timeKeys) =>
        [.. Enumerable.Range(0, (windowHours + replanHours - 1) / replanHours).Select(k => new Period(forecast, timeKeys,
            actual.WindowStart.AddHours(k * replanHours), k * replanHours, Math.Min(replanHours, windowHours - k * replanHours)))];

    public void PlanAll(IReadOnlyList<Period> periods, Action planned)
    {
        Parallel.ForEach(periods, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, period =>
        {
            Plan(period);
            planned();
        });
    }

    /// <summary>The placement of every hour of the window, from periods that cover it.</summary>
    public static HourlyPlacement[] Hourly(IReadOnlyList<Period> periods, int hours)
    {
        var hourly = new HourlyPlacement[hours];
        foreach (var period in periods)
        {
            period.Placements!.CopyTo(hourly, period.FromHour);
        }
        return hourly;
    }

    internal void Plan(Period period)
    {
        var (profile, dropped) = Forecast(period);
        var end = period.Start.AddHours(period.Hours);
        if (dropped.Contains(_codes[0]))
        {
            // The home region cannot be forecast for this period (a gap in its history): everything stays home.
            period.Result = new PeriodPlan(period.Start, end, dropped, null);
            period.Placements = [.. Enumerable.Repeat(new HourlyPlacement(new int[Instances], homeRuntimeP95Seconds), period.Hours)];
            return;
        }
        var options = new PlannerOptions
        {
            Algorithm = request.Algorithm,
            TimeKeysPerDay = period.TimeKeys,
            // A period shorter than a day uses only the keys of its hours, so only those are planned.
            PlannedHours = period.Hours < 24 ? new HourWindow(period.Start.Hour, period.Hours) : null,
            Evaluation = full.Options,
            Validity = TimeSpan.FromHours(period.Hours),
        };
        var clock = new FixedClock(new DateTimeOffset(period.Start, TimeSpan.Zero));
        var plan = dropped.Count == 0
            ? Planner.Plan(full.WithCarbon(WithForecast(full.Problem, profile)), options, clock)
            : Planner.Plan(BacktestRunner.Map(workflow, profile, data, catalogue), options, clock);
        var placements = new HourlyPlacement[period.Hours];
        for (var j = 0; j < period.Hours; j++)
        {
            var hour = (period.Start.Hour + j) % 24;
            var key = plan.TimeKeys.Single(k => k.StartHour <= hour && hour < k.StartHour + k.Hours);
            placements[j] = new HourlyPlacement([.. key.Placement.Select(r => _index[plan.Regions[r]])], key.Estimate.RuntimeP95Seconds);
        }
        period.Result = new PeriodPlan(period.Start, end, dropped, plan);
        period.Placements = placements;
    }

    /// <summary>What the planner is told at the period's instant: each region's forecast, made only from the hours recorded
    /// before the instant (the oracle alone is also handed the day after), or why the region is out for this period.</summary>
    internal (ForecastProfile Profile, List<string> Dropped) Forecast(Period period)
    {
        var forecast = period.Forecast;
        var at = windowFrom + period.FromHour;
        var end = period.Start.AddHours(period.Hours);
        var regions = new Dictionary<string, RegionCarbonProfile>(StringComparer.Ordinal);
        var dropped = new List<string>();
        foreach (var code in _codes)
        {
            var series = actual[code];
            var history = series.HistoryBefore(at, forecast.HistoryHours);
            // Invocations of the period are charged at the hours' actual values, so a region without them cannot be used.
            var usable = history is not null && series.Covers(at, at + period.Hours) && (!forecast.LooksAhead || series.Covers(at, at + 24));
            if (!usable)
            {
                dropped.Add(code);
                regions[code] = ForecastProfile.Unavailable(code, series.Zone,
                    $"dropped for {ActualCarbon.Time(period.Start)}–{ActualCarbon.Time(end)}: a gap of more than " +
                        $"{ActualCarbon.MaxInterpolatedHours} h in zone {series.Zone}'s data");
                continue;
            }
            var future = forecast.LooksAhead ? series.Values.AsSpan(at, 24) : [];
            regions[code] = ForecastProfile.Available(code, series.Zone, forecast.HourOfDay(history, future, period.Start.Hour));
        }
        var description = $"carbon: {forecast.Name} forecast made at {ActualCarbon.Time(period.Start)} from the data before it";
        return (new ForecastProfile(description, regions), dropped);
    }

    /// <summary>The problem the mapper would make from <paramref name="profile"/> when it keeps every region: the same,
    /// but for carbon and the note saying where it came from.</summary>
    internal static PlanningProblem WithForecast(PlanningProblem problem, ForecastProfile profile) => problem with
    {
        Regions = [.. problem.Regions.Select(r => r with { HourlyGramsPerKwh = profile.Find(r.Code)!.HourOfDayMeans! })],
        Notes = [profile.Description, .. problem.Notes.Skip(1)],
    };

    /// <summary>Instances of the workflow (the same in every period's problem).</summary>
    public int Instances { get; init; }
}
