using System.Globalization;
using Tern.Entities.Serialization;

namespace Tern.Carbon.Static;

/// <summary>The Static provider's CSV from a ConfigMap: datetime_utc,zone,gco2_per_kwh, any time step (hourly,
/// 30-minute, 5-minute), several zones in one file.</summary>
internal static class StaticCsv
{
    public const string TimeColumn = "datetime_utc";
    public const string ZoneColumn = "zone";
    public const string ValueColumn = "gco2_per_kwh";

    /// <summary>Readings per zone; a row that cannot be read is a <see cref="FormatException"/> naming its line.
    /// Implausible numbers (NaN, negative, too large) are kept here and rejected and counted by the aggregation.
    /// Two rows for the same zone and time are an error too: averaging them (300 and 1900 give 1100) would invent
    /// a value nobody measured, and which one is right only the file's owner knows.</summary>
    public static IReadOnlyDictionary<string, List<CarbonReading>> Parse(TextReader reader, string fileName)
    {
        var zones = new Dictionary<string, List<CarbonReading>>(StringComparer.Ordinal);
        var lineOf = new Dictionary<(string Zone, DateTimeOffset Time), int>();
        foreach (var row in CsvRows.Read(reader, fileName, TimeColumn, ZoneColumn, ValueColumn))
        {
            const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
            if (!DateTimeOffset.TryParse(row[TimeColumn], CultureInfo.InvariantCulture, utc, out var time))
            {
                throw row.Error($"{TimeColumn} '{row[TimeColumn]}' is not a UTC time such as 2024-05-01T13:30:00Z");
            }
            var zone = row[ZoneColumn];
            if (zone.Length == 0)
            {
                throw row.Error($"{ZoneColumn} is empty");
            }
            if (!lineOf.TryAdd((zone, time), row.Line))
            {
                var at = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                throw row.Error($"zone {zone} already has a reading at {at} (line {lineOf[(zone, time)]}); keep one row per zone and time");
            }
            if (!zones.TryGetValue(zone, out var list))
            {
                zones[zone] = list = [];
            }
            list.Add(new CarbonReading(time, row.Number(ValueColumn)));
        }
        foreach (var list in zones.Values)
        {
            list.Sort((a, b) => a.Time.CompareTo(b.Time));
        }
        return zones;
    }
}
