using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Backtest.Forecasts;
using Tern.Operator.Planning;
using Tern.Operator.Planning.BundledData;
using Tern.Operator.Planning.Workflows;
using Tern.Solvers.Plans;

namespace Tern.Operator.Backtest;

/// <summary>Plans the re-plan periods of one strategy. Each period's plan depends only on the data before its
/// instant (and, for the oracle, the day after), never on another period's plan, so periods are planned in parallel.</summary>
internal sealed class PeriodPlanner(ServerlessWorkflow workflow, BacktestRequest request, BundledDataSet data, RegionCatalogue catalogue,
    ActualCarbon actual, IReadOnlyList<string> codes, int windowFrom, int windowHours, double homeRuntimeP95Seconds)
{
    private readonly Dictionary<string, int> _index = codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);

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
        var forecast = period.Forecast;
        var at = windowFrom + period.FromHour;
        var end = period.Start.AddHours(period.Hours);
        var regions = new Dictionary<string, RegionCarbon>(StringComparer.Ordinal);
        var dropped = new List<string>();
        foreach (var code in codes)
        {
            var series = actual[code];
            var usable = series.Covers(at - forecast.HistoryHours, at) && series.Covers(at, at + period.Hours) && (!forecast.LooksAhead || series.Covers(at, at + 24));
            if (!usable)
            {
                dropped.Add(code);
                regions[code] = ForecastProfile.Unavailable(code, series.Zone,
                    $"dropped for {ActualCarbon.Time(period.Start)}–{ActualCarbon.Time(end)}: a gap of more than {ActualCarbon.MaxInterpolatedHours} h in zone {series.Zone}'s data");
                continue;
            }
            // Only the oracle is handed the hours it is judged on.
            var future = forecast.LooksAhead ? series.Values.AsSpan(at, 24) : [];
            regions[code] = ForecastProfile.Available(code, series.Zone,
                forecast.HourOfDay(series.Values.AsSpan(at - forecast.HistoryHours, forecast.HistoryHours), future, period.Start.Hour));
        }
        if (dropped.Contains(codes[0]))
        {
            // The home region cannot be forecast for this period (a gap in its history): everything stays home.
            period.Result = new PeriodPlan(period.Start, end, dropped, null);
            period.Placements = [.. Enumerable.Repeat(new HourlyPlacement(new int[Instances], homeRuntimeP95Seconds), period.Hours)];
            return;
        }
        var profile = new ForecastProfile($"carbon: {forecast.Name} forecast made at {ActualCarbon.Time(period.Start)} from the data before it", regions);
        var problem = BacktestRunner.Map(workflow, profile, data, catalogue);
        var options = new PlannerOptions
        {
            Algorithm = request.Algorithm,
            TimeKeysPerDay = period.TimeKeys,
            Evaluation = new() { Seed = request.Seed },
            Validity = TimeSpan.FromHours(period.Hours),
        };
        var plan = Planner.Plan(problem, options, new FixedClock(new DateTimeOffset(period.Start, TimeSpan.Zero)));
        var hoursPerKey = 24 / period.TimeKeys;
        var placements = new HourlyPlacement[period.Hours];
        for (var j = 0; j < period.Hours; j++)
        {
            var key = plan.TimeKeys[(period.Start.Hour + j) % 24 / hoursPerKey];
            placements[j] = new HourlyPlacement([.. key.Placement.Select(r => _index[plan.Regions[r]])], key.Estimate.RuntimeP95Seconds);
        }
        period.Result = new PeriodPlan(period.Start, end, dropped, plan);
        period.Placements = placements;
    }

    /// <summary>Instances of the workflow (the same in every period's problem).</summary>
    public int Instances { get; init; }
}
