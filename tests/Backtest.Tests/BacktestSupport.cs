using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;
using Tern.Backtest;
using Tern.Backtest.Forecasts;
using Tern.Planning.BundledData;
using Tern.Carbon.Bundled;
using Tern.Tests.Support;

namespace Tern.Backtest.Tests;

/// <summary>Hand-made carbon data and workflows for backtests: us-east-1 (zone US-MIDA-PJM) is home and us-west-2
/// (US-NW-BPAT) the other region, ca-central-1 (CA-QC) a third when a test gives it data, with the bundled prices and latencies.</summary>
internal static class BacktestSupport
{
    public static readonly DateTime June1 = new(2023, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>A data set whose carbon is <paramref name="home"/> and <paramref name="west"/> per hour from <paramref name="start"/>
    /// (NaN leaves an hour out).</summary>
    public static BundledDataSet Data(DateTime start, double[] home, double[] west, double[]? canada = null)
    {
        var bundled = BundledDataFixture.Bundled;
        ZoneSeries[] zones = canada is null
            ? [Series("US-MIDA-PJM", start, home), Series("US-NW-BPAT", start, west)]
            : [Series("US-MIDA-PJM", start, home), Series("US-NW-BPAT", start, west), Series("CA-QC", start, canada)];
        return bundled with { Carbon = new CarbonHistory(zones) };
    }

    private static ZoneSeries Series(string zone, DateTime start, double[] values)
    {
        var hours = Enumerable.Range(0, values.Length).Where(h => !double.IsNaN(values[h])).ToArray();
        return new ZoneSeries(zone, [.. hours.Select(h => start.AddHours(h))], [.. hours.Select(h => values[h])], []);
    }

    /// <summary>Constant values per day: one value per day, 24 hours each.</summary>
    public static double[] Days(params double[] perDay) => [.. perDay.SelectMany(v => Enumerable.Repeat(v, 24))];

    /// <summary>One function of 1 GiB that runs about 1 s, home us-east-1, candidates us-west-2.</summary>
    public static ServerlessWorkflow OneFunction(string home = "us-east-1", params string[] regions) => new()
    {
        Metadata = new() { Name = "one" },
        Spec = new ServerlessWorkflowSpec
        {
            HomeRegion = home,
            Regions = regions.Length > 0 ? regions : ["us-east-1", "us-west-2"],
            ExecutionRoleArn = "arn:aws:iam::123456789012:role/tern",
            Entrypoint = "f",
            Functions = [new FunctionSpec { Name = "f", Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/f:1", MemoryMiB = 1024,
                Profile = new FunctionProfile { RuntimeMilliseconds = 1000 } }],
        },
    };

    public static BacktestRequest Request(DateTime from, int days, string forecast = "trailing-mean:1d", string constraints = "none",
        int timeKeys = 24) => new()
    {
        From = from,
        To = from.AddDays(days),
        Forecast = Forecasters.Parse(forecast, out _)!,
        Constraints = ConstraintChoices.Parse(constraints),
        ConstraintsName = constraints,
        InvocationsPerHour = [.. Enumerable.Repeat(10.0, 24)],
        TimeKeysPerDay = timeKeys,
    };

    public static BacktestResult Run(ServerlessWorkflow workflow, BacktestRequest request, BundledDataSet? data = null) =>
        BacktestRunner.Run(workflow, request, data ?? BundledDataFixture.Bundled, RegionCatalogue.Bundled);
}
