using System.Globalization;
using System.Text.RegularExpressions;
using Tern.Entities.Serialization;

namespace Tern.Carbon.Bundled;

/// <summary>Hourly grid carbon intensity per zone, read from data/carbon/&lt;ZONE&gt;.csv files
/// (datetime_utc,zone,carbon_intensity_gco2_per_kwh).</summary>
public sealed partial class CarbonHistory
{
    /// <summary>No grid anywhere averages above this over an hour (coal alone is about 1000 g/kWh life-cycle);
    /// a larger value is a unit or data error, not a dirty hour.</summary>
    public const double MaxPlausibleGramsPerKwh = 2000;

    private const string TimeColumn = "datetime_utc";
    private const string ZoneColumn = "zone";
    private const string ValueColumn = "carbon_intensity_gco2_per_kwh";

    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:sszzz"];

    private readonly Dictionary<string, ZoneSeries> _zones;

    public CarbonHistory(IEnumerable<ZoneSeries> zones)
    {
        _zones = zones.ToDictionary(z => z.Zone, StringComparer.Ordinal);
    }

    /// <summary>Zones with a file, sorted.</summary>
    public IReadOnlyList<string> Zones => [.. _zones.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The series of <paramref name="zone"/>, or null when there is no file for it.</summary>
    public ZoneSeries? Find(string zone) => _zones.GetValueOrDefault(zone);

    /// <summary>Where the build puts the bundled carbon files: data/carbon beside the binary.</summary>
    public static string BundledDirectory => Path.Combine(AppContext.BaseDirectory, "data", "carbon");

    /// <summary>Reads every &lt;ZONE&gt;.csv of <paramref name="directory"/>; the lower-case files beside them
    /// (zones.csv, coverage.csv, sources.csv) are provenance, not series.</summary>
    public static CarbonHistory Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The carbon data directory {directory} does not exist.");
        }
        var zones = new List<ZoneSeries>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.csv").Order(StringComparer.Ordinal))
        {
            var zone = Path.GetFileNameWithoutExtension(path);
            if (ZoneName().IsMatch(zone))
            {
                using var reader = new StreamReader(path);
                zones.Add(Parse(reader, path, zone));
            }
        }
        return new CarbonHistory(zones);
    }

    /// <summary>Parses one zone file. Rows that cannot be read (a bad date, a value that is not a number, another
    /// zone, an hour twice) are a <see cref="FormatException"/> naming file and line; implausible values (NaN,
    /// negative, above <see cref="MaxPlausibleGramsPerKwh"/>) are left out and listed in <see cref="ZoneSeries.Rejected"/>.</summary>
    public static ZoneSeries Parse(TextReader reader, string fileName, string zone)
    {
        var byHour = new SortedDictionary<DateTime, double>();
        var firstLine = new Dictionary<DateTime, int>();
        var rejected = new List<string>();
        foreach (var row in CsvRows.Read(reader, fileName, TimeColumn, ZoneColumn, ValueColumn))
        {
            var hour = ParseHour(row);
            if (row[ZoneColumn] != zone)
            {
                throw row.Error($"zone '{row[ZoneColumn]}' in a file of zone {zone}");
            }
            if (!firstLine.TryAdd(hour, row.Line))
            {
                throw row.Error($"hour {row[TimeColumn]} appears twice (first on line {firstLine[hour]})");
            }
            var value = row.Number(ValueColumn);
            if (double.IsNaN(value) || value < 0 || value > MaxPlausibleGramsPerKwh)
            {
                rejected.Add($"{row.Where}: {ValueColumn} {row[ValueColumn]} is not between 0 and {MaxPlausibleGramsPerKwh}; left out");
                continue;
            }
            byHour.Add(hour, value);
        }
        return new ZoneSeries(zone, [.. byHour.Keys], [.. byHour.Values], rejected);
    }

    private static DateTime ParseHour(CsvRow row)
    {
        var text = row[TimeColumn];
        if (!DateTimeOffset.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw row.Error($"{TimeColumn} '{text}' is not a UTC time such as 2023-06-01T00:00:00Z");
        }
        var utc = time.UtcDateTime;
        if (utc.Minute != 0 || utc.Second != 0)
        {
            throw row.Error($"{TimeColumn} '{text}' is not the start of an hour");
        }
        return utc;
    }

    // Electricity Maps zone identifiers: upper-case letters, digits and '-', for example US-MIDA-PJM or SE-SE3.
    [GeneratedRegex("^[A-Z]{2}(-[A-Z0-9]+)*$")]
    private static partial Regex ZoneName();
}
