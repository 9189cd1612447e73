using System.Globalization;
using System.Text;
using Tern.Carbon.Http;

namespace Tern.Carbon.Tests;

/// <summary>Bodies shaped like the providers' documented JSON, and quick retry settings for tests.</summary>
internal static class CarbonTestData
{
    /// <summary>Retries without real waiting: loopback tests must not sleep for seconds.</summary>
    public static ProviderRequestOptions FastRequests { get; } = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(5),
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryAfter = TimeSpan.FromSeconds(5),
    };

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An Electricity Maps past-range body: hourly points from <paramref name="start"/>, with the nulls given.</summary>
    public static string ElectricityMapsPastRange(string zone, DateTimeOffset start, int hours, Func<int, double?> value)
    {
        var points = Enumerable.Range(0, hours).Select(i =>
        {
            var v = value(i);
            var text = v is { } x ? x.ToString(CultureInfo.InvariantCulture) : "null";
            var estimated = v is null ? "true" : "false";
            var method = v is null ? "\"TIME_SLICER_AVERAGE\"" : "null";
            return $$"""
                {"zone":"{{zone}}","carbonIntensity":{{text}},"datetime":"{{Iso(start.AddHours(i))}}","updatedAt":"2024-05-02T10:12:30.372Z",
                "createdAt":"2024-04-29T10:47:37.562Z","emissionFactorType":"lifecycle","isEstimated":{{estimated}},"estimationMethod":{{method}}}
                """;
        });
        return $$"""{"zone":"{{zone}}","data":[{{string.Join(",", points)}}]}""";
    }

    public static string WattTimeSignal(string region, DateTimeOffset start, int points, Func<int, double> lbsPerMwh)
    {
        var data = Enumerable.Range(0, points).Select(i =>
        {
            var time = start.AddMinutes(5 * i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
            return $$"""{"point_time":"{{time}}","value":{{lbsPerMwh(i).ToString(CultureInfo.InvariantCulture)}}}""";
        });
        return $$$"""
            {"data":[{{{string.Join(",", data)}}}],"meta":{"data_point_period_seconds":300,"region":"{{{region}}}","warnings":[],
            "signal_type":"co2_moer","model":{"date":"2023-03-01","type":"binned_regression"},"units":"lbs_co2_per_mwh",
            "generated_at_period_seconds":300,"generated_at":"2024-05-02T10:00:00+00:00"}}
            """;
    }

    /// <summary>A UK Carbon Intensity body of half-hour periods; actual is null where <paramref name="actual"/> says so.</summary>
    public static string UKIntensity(DateTimeOffset start, int periods, Func<int, (double Forecast, double? Actual)> value)
    {
        var data = new StringBuilder();
        for (var i = 0; i < periods; i++)
        {
            var (forecast, actual) = value(i);
            var from = start.AddMinutes(30 * i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
            var to = start.AddMinutes(30 * (i + 1)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
            var actualText = actual is { } a ? a.ToString(CultureInfo.InvariantCulture) : "null";
            data.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $$$"""{"from":"{{{from}}}","to":"{{{to}}}","intensity":{"forecast":{{{forecast}}},"actual":{{{actualText}}},"index":"moderate"}}""");
        }
        return $$"""{"data":[{{data}}]}""";
    }

    public static string PrometheusMatrix(DateTimeOffset start, int samples, TimeSpan step, Func<int, string> value)
    {
        var values = string.Join(",", Enumerable.Range(0, samples).Select(i => $"[{(start + (step * i)).ToUnixTimeSeconds()},\"{value(i)}\"]"));
        return $$$"""
            {"status":"success","data":{"resultType":"matrix",
            "result":[{"metric":{"__name__":"grid_intensity","zone":"DE"},"values":[{{{values}}}]}]}}
            """;
    }
}
