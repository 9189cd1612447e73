using Tern.Entities.ServerlessWorkflows;
using Tern.Entities.Serialization;

namespace Tern.Planning.BundledData;

/// <summary>Lambda's first-tier prices per region and architecture, read from data/pricing/lambda_pricing.csv.
/// Only the first tier is used: the higher tiers start at 6 billion GB-seconds a month per account, far beyond
/// one workflow, and which tier applies depends on the whole account's use, which Tern does not see.</summary>
public sealed class LambdaPriceTable
{
    private const string RegionColumn = "aws_region";
    private const string ArchitectureColumn = "architecture";
    private const string DurationColumn = "duration_usd_per_gb_second_tier1";
    private const string RequestColumn = "request_usd_per_request";

    private readonly Dictionary<(string Region, Architecture Architecture), LambdaPrice> _prices;

    public LambdaPriceTable(IReadOnlyDictionary<(string Region, Architecture Architecture), LambdaPrice> prices)
    {
        _prices = new Dictionary<(string, Architecture), LambdaPrice>(prices);
    }

    /// <summary>Regions with a price for at least one architecture, sorted.</summary>
    public IReadOnlyList<string> Regions => [.. _prices.Keys.Select(k => k.Region).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The price in <paramref name="region"/> for <paramref name="architecture"/>, or null when the file has none.</summary>
    public LambdaPrice? Find(string region, Architecture architecture) => _prices.GetValueOrDefault((region, architecture));

    public static LambdaPriceTable Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Parses the file; an unknown architecture, a missing, negative or non-finite price, or a region and
    /// architecture listed twice is a <see cref="FormatException"/> naming file and line.</summary>
    public static LambdaPriceTable Parse(TextReader reader, string fileName)
    {
        var prices = new Dictionary<(string, Architecture), LambdaPrice>();
        foreach (var row in CsvRows.Read(reader, fileName, RegionColumn, ArchitectureColumn, DurationColumn, RequestColumn))
        {
            var architecture = row[ArchitectureColumn] switch
            {
                "x86_64" => Architecture.X86_64,
                "arm64" => Architecture.Arm64,
                var other => throw row.Error($"architecture '{other}' is neither x86_64 nor arm64"),
            };
            var price = new LambdaPrice(row.NonNegative(DurationColumn), row.NonNegative(RequestColumn));
            if (!prices.TryAdd((row[RegionColumn], architecture), price))
            {
                throw row.Error($"{row[RegionColumn]} {row[ArchitectureColumn]} is priced twice");
            }
        }
        return new LambdaPriceTable(prices);
    }
}

/// <summary>A Lambda price.</summary>
/// <param name="UsdPerGbSecond">Duration price, USD per GB-second of configured memory.</param>
/// <param name="UsdPerRequest">Request price, USD per invocation.</param>
public sealed record LambdaPrice(double UsdPerGbSecond, double UsdPerRequest);
