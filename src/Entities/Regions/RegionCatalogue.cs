using System.Globalization;
using System.Reflection;
using Tern.Entities.Serialization;

namespace Tern.Entities.Regions;

/// <summary>The AWS regions Tern knows, read from data/regions.csv (embedded in this assembly).</summary>
public sealed class RegionCatalogue
{
    private const string ResourceName = "Tern.Entities.regions.csv";
    private const string ExpectedHeader = "code,name,latitude,longitude,default_zone,zone_source";

    private static readonly Lazy<RegionCatalogue> BundledCatalogue = new(LoadBundled);

    private readonly Dictionary<string, Region> _byCode;

    /// <summary>Creates a catalogue from regions; codes must be unique.</summary>
    public RegionCatalogue(IEnumerable<Region> regions)
    {
        _byCode = new Dictionary<string, Region>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            if (!_byCode.TryAdd(region.Code, region))
            {
                throw new ArgumentException($"Region {region.Code} appears twice in the catalogue.", nameof(regions));
            }
        }
        All = [.. _byCode.Values.OrderBy(r => r.Code, StringComparer.Ordinal)];
    }

    /// <summary>The catalogue bundled with Tern.</summary>
    public static RegionCatalogue Bundled => BundledCatalogue.Value;

    /// <summary>Every region, sorted by code.</summary>
    public IReadOnlyList<Region> All { get; }

    /// <summary>True when the catalogue has a region with this code.</summary>
    public bool Contains(string code) => _byCode.ContainsKey(code);

    /// <summary>The region with this code, or null.</summary>
    public Region? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>A hint for a code the catalogue does not know: " Region codes are lower case: did you mean 'us-west-2'?"
    /// for US-WEST-2, " Did you mean 'us-east-1'?" for a near miss, else an empty string.</summary>
    public string DidYouMean(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var lower = code.ToLowerInvariant();
        return lower != code && Contains(lower) ? $" Region codes are lower case: did you mean '{lower}'?"
            : Validation.Suggestions.DidYouMean(code, All.Select(r => r.Code));
    }

    /// <summary>Parses the CSV format of data/regions.csv (no quoted fields are needed for it).</summary>
    public static RegionCatalogue Parse(TextReader csv)
    {
        var header = csv.ReadLine();
        if (header != ExpectedHeader)
        {
            throw new FormatException($"regions.csv must start with the header '{ExpectedHeader}', found '{header}'.");
        }
        var regions = new List<Region>();
        var lineNumber = 1;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            var fields = CsvLine.Split(line);
            if (fields.Count != 6)
            {
                throw new FormatException($"regions.csv line {lineNumber}: expected 6 fields, found {fields.Count}.");
            }
            regions.Add(new Region(
                fields[0],
                fields[1],
                double.Parse(fields[2], CultureInfo.InvariantCulture),
                double.Parse(fields[3], CultureInfo.InvariantCulture),
                fields[4]));
        }
        return new RegionCatalogue(regions);
    }

    private static RegionCatalogue LoadBundled()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing; rebuild Tern.Entities.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
