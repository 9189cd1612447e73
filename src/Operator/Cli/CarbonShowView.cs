using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tern.Entities.CarbonSources;
using Tern.Carbon;

namespace Tern.Operator.Cli;

/// <summary>How `tern carbon show` prints a refresh: a regions × hours table, or JSON.</summary>
internal static class CarbonShowView
{
    public static string Table(CarbonSource source, CarbonRefreshResult result)
    {
        var text = new StringBuilder();
        var o = result.Outcome;
        text.AppendLine(CultureInfo.InvariantCulture, $"CarbonSource {source.Metadata.Name}: provider {source.Spec.Provider}, Ready={o.Ready} " +
            $"({o.Reason}){(o.Stale ? ", Stale" : "")}");
        if (result.Snapshot is { } snapshot)
        {
            text.AppendLine(snapshot.Description + ", g CO2e/kWh");
        }
        if (!o.Ready || o.Reason != "Refreshed")
        {
            text.AppendLine(o.Message);
        }
        var available = result.Regions.Where(r => r.HourlyGramsPerKwh.Count == 24).ToList();
        if (available.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{"region",-15} {"zone",-13} {"signal",-8} {"mean",6}");
            for (var h = 0; h < 24; h++)
            {
                text.Append(CultureInfo.InvariantCulture, $" {h,4:00}");
            }
            text.AppendLine();
            foreach (var region in available)
            {
                text.Append(CultureInfo.InvariantCulture, $"{region.Region,-15} {region.Zone,-13} {Signal(region),-8} {region.MeanGramsPerKwh,6:0}");
                foreach (var value in region.HourlyGramsPerKwh)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {value,4:0}");
                }
                text.AppendLine();
            }
        }
        var missing = (result.Snapshot?.Regions ?? []).Where(r => !r.IsAvailable).ToList();
        if (missing.Count > 0)
        {
            text.AppendLine("No profile:");
            foreach (var region in missing)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {region.Region,-15} {region.Zone,-13} {region.UnavailableReason}");
            }
        }
        foreach (var note in result.Notes.Distinct())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"note: {note}");
        }
        return text.ToString();
    }

    public static JsonObject Json(CarbonSource source, CarbonRefreshResult result) => new()
    {
        ["name"] = source.Metadata.Name,
        ["provider"] = source.Spec.Provider.ToString(),
        ["description"] = result.Snapshot?.Description,
        ["ready"] = result.Outcome.Ready,
        ["reason"] = result.Outcome.Reason,
        ["message"] = result.Outcome.Message,
        ["stale"] = result.Outcome.Stale,
        ["rejectedReadings"] = result.RejectedReadings,
        ["regions"] = new JsonArray([.. result.Regions.Select(r => (JsonNode)new JsonObject
        {
            ["region"] = r.Region,
            ["zone"] = r.Zone,
            ["signal"] = r.Signal.ToString(),
            ["emissionFactorType"] = r.EmissionFactorType?.ToString(),
            ["meanGramsPerKwh"] = r.MeanGramsPerKwh,
            ["hourlyGramsPerKwh"] = new JsonArray([.. r.HourlyGramsPerKwh.Select(v => (JsonNode)v)]),
            ["latestGramsPerKwh"] = r.LatestGramsPerKwh,
            ["latestTime"] = r.LatestTime?.ToString("O", CultureInfo.InvariantCulture),
            ["stale"] = r.Stale,
        })]),
        ["unavailable"] = new JsonArray([.. (result.Snapshot?.Regions ?? []).Where(r => !r.IsAvailable).Select(r => (JsonNode)new JsonObject
        {
            ["region"] = r.Region,
            ["zone"] = r.Zone,
            ["reason"] = r.UnavailableReason,
        })]),
        ["notes"] = new JsonArray([.. result.Notes.Distinct().Select(n => (JsonNode)n)]),
    };

    private static string Signal(RegionCarbon region) => region.Signal == SignalType.Marginal ? "Marginal" : "Average";
}
