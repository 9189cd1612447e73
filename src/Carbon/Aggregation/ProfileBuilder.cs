using System.Globalization;
using Tern.Entities.CarbonSources;

namespace Tern.Carbon.Aggregation;

/// <summary>Turns one zone's readings into the 24 hour-of-day values and the mean the planner uses, by the
/// CarbonSource's forecast method, after rejecting implausible readings and filling short gaps.</summary>
internal static class ProfileBuilder
{
    private const int HoursPerDay = 24;

    /// <param name="history">Readings of the history window [<paramref name="from"/>, <paramref name="to"/>).</param>
    /// <param name="forecast">The provider's forecast, for <see cref="ForecastMethod.ProviderForecast"/>; null otherwise.</param>
    public static ZoneProfile Build(ZoneReadings history, ZoneReadings? forecast, ForecastMethod method, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(history);
        var hourly = HourlySeries.Build(history.Readings, from, to);
        var notes = new List<string>(history.Notes);
        var filled = GapFiller.Fill(hourly.Values, out var gap);
        if (filled is null)
        {
            var reason = hourly.Latest is null
                ? $"no readings for zone {history.Zone} between {Format(hourly.Start)} and {Format(HourlySeries.TruncateToHour(to))}"
                : $"no readings for zone {history.Zone} for {gap!.Hours} h from {Format(hourly.Start.AddHours(gap.StartIndex))}; "
                  + $"gaps over {GapFiller.MaxGapHours} h are not filled in";
            return new ZoneProfile(history.Zone, null, null, hourly.Latest, hourly.Rejected, true, reason, notes);
        }
        var interpolated = hourly.Values.Count(v => v is null);
        if (interpolated > 0)
        {
            notes.Add($"zone {history.Zone}: {interpolated} missing hour(s) interpolated");
        }
        var rejected = hourly.Rejected;
        double[] profile;
        double mean;
        switch (method)
        {
            case ForecastMethod.HoltWinters when filled.Length >= 2 * HoursPerDay:
                (profile, mean) = HoltWintersProfile(filled, hourly.Start);
                break;
            case ForecastMethod.HoltWinters:
                notes.Add($"zone {history.Zone}: Holt–Winters needs 48 hours of history; the hour-of-day mean was used");
                (profile, mean) = HourOfDayMean(filled, hourly.Start);
                break;
            case ForecastMethod.ProviderForecast when forecast is not null:
                (profile, mean, var forecastRejected) = ForecastProfile(forecast, filled, hourly.Start, notes);
                rejected += forecastRejected;
                break;
            default:
                (profile, mean) = HourOfDayMean(filled, hourly.Start);
                break;
        }
        return new ZoneProfile(history.Zone, profile, mean, hourly.Latest, rejected, false, null, notes);
    }

    /// <summary>The mean of each UTC hour of the day, and of every hour.</summary>
    public static (double[] Profile, double Mean) HourOfDayMean(IReadOnlyList<double> hours, DateTimeOffset start)
    {
        var sums = new double[HoursPerDay];
        var counts = new int[HoursPerDay];
        for (var i = 0; i < hours.Count; i++)
        {
            var hour = (start.Hour + i) % HoursPerDay;
            sums[hour] += hours[i];
            counts[hour]++;
        }
        // A window of at least a day gives every hour a count; a shorter one repeats the overall mean.
        var mean = hours.Average();
        return ([.. sums.Select((s, h) => counts[h] == 0 ? mean : s / counts[h])], mean);
    }

    private static (double[] Profile, double Mean) HoltWintersProfile(double[] hours, DateTimeOffset start)
    {
        var forecast = HoltWinters.Forecast(hours, HoursPerDay, HoursPerDay);
        var profile = new double[HoursPerDay];
        for (var h = 0; h < HoursPerDay; h++)
        {
            // A forecast below zero is an artefact of smoothing a series near zero, not a grid.
            profile[(start.Hour + hours.Length + h) % HoursPerDay] = Math.Max(0, forecast[h]);
        }
        return (profile, profile.Average());
    }

    private static (double[] Profile, double Mean, int Rejected) ForecastProfile(ZoneReadings forecast, double[] history,
        DateTimeOffset historyStart, List<string> notes)
    {
        var readings = forecast.Readings;
        if (readings.Count == 0)
        {
            notes.Add($"zone {forecast.Zone}: the provider's forecast was empty; the hour-of-day mean was used");
            var (p, m) = HourOfDayMean(history, historyStart);
            return (p, m, 0);
        }
        var first = readings.Min(r => r.Time);
        var series = HourlySeries.Build(readings, first, readings.Max(r => r.Time).AddHours(1));
        var (fallback, _) = HourOfDayMean(history, historyStart);
        var sums = new double[HoursPerDay];
        var counts = new int[HoursPerDay];
        for (var i = 0; i < series.Values.Count; i++)
        {
            if (series.Values[i] is { } value)
            {
                var hour = (series.Start.Hour + i) % HoursPerDay;
                sums[hour] += value;
                counts[hour]++;
            }
        }
        var missing = counts.Count(c => c == 0);
        if (missing > 0)
        {
            notes.Add($"zone {forecast.Zone}: the forecast covers {HoursPerDay - missing} hours of the day; the others use the hour-of-day mean");
        }
        double[] profile = [.. sums.Select((s, h) => counts[h] == 0 ? fallback[h] : s / counts[h])];
        return (profile, profile.Average(), series.Rejected);
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}

/// <summary>One zone's aggregated carbon.</summary>
/// <param name="Zone">The zone as the provider named it.</param>
/// <param name="HourOfDay">24 values (UTC hour 0 first), or null when <paramref name="Stale"/>.</param>
/// <param name="Mean">The overall value, or null when stale.</param>
/// <param name="Latest">Newest accepted reading.</param>
/// <param name="Rejected">Readings rejected as implausible.</param>
/// <param name="Stale">True when a gap was too long to fill, so the zone is not planned on.</param>
/// <param name="Reason">Why the zone has no profile, or null.</param>
/// <param name="Notes">What the user should know about how the values were made.</param>
internal sealed record ZoneProfile(string Zone, IReadOnlyList<double>? HourOfDay, double? Mean, CarbonReading? Latest, int Rejected, bool Stale,
    string? Reason, IReadOnlyList<string> Notes);
