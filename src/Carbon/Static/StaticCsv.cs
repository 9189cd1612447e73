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
    /// Implausible numbers (NaN, negative, too large) are kept here and rejected and counted by the aggregation.</summary>
    public static IReadOnlyDictionary<string, List<CarbonReading>> Parse(TextReader reader, string fileName)
    {
        var zones = new Dictionary<string, List<CarbonReading>>(StringComparer.Ordinal);
        foreach (var row in CsvRows.Read(reader, fileName, TimeColumn, ZoneColumn, ValueColumn))
        {
            if (!DateTimeOffset.TryParse(row[TimeColumn], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                throw row.Error($"{TimeColumn} '{row[TimeColumn]}' is not a UTC time such as 2024-05-01T13:30:00Z");
            }
            var zone = row[ZoneColumn];
            if (zone.Length == 0)
            {
                throw row.Error($"{ZoneColumn} is empty");
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
