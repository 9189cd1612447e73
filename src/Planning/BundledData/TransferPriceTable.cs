using Tern.Entities.Serialization;
namespace Tern.Planning.BundledData;

/// <summary>Data-transfer prices between AWS regions, USD per GB out of the sending region, read from
/// data/pricing/interregion_transfer_usd_per_gb.csv.</summary>
public sealed class TransferPriceTable
{
    /// <summary>AWS's usual price for data sent to another region (most region pairs); used where the file has no row.</summary>
    public const double AssumedInterRegionUsdPerGb = 0.02;

    /// <summary>Transfer inside one region between Lambda and other AWS services is free.</summary>
    public const double AssumedSameRegionUsdPerGb = 0;

    private const string FromColumn = "from_region";
    private const string ToColumn = "to_region";
    private const string PriceColumn = "usd_per_gb";

    private readonly Dictionary<(string From, string To), double> _prices;

    public TransferPriceTable(IReadOnlyDictionary<(string From, string To), double> prices)
    {
        _prices = new Dictionary<(string, string), double>(prices);
    }

    /// <summary>The price from <paramref name="from"/> to <paramref name="to"/>; where the file has no row,
    /// <see cref="AssumedInterRegionUsdPerGb"/> or <see cref="AssumedSameRegionUsdPerGb"/> with Assumed set.</summary>
    public TransferPrice Find(string from, string to) =>
        _prices.TryGetValue((from, to), out var price) ? new TransferPrice(price, false)
        : new TransferPrice(from == to ? AssumedSameRegionUsdPerGb : AssumedInterRegionUsdPerGb, true);

    public static TransferPriceTable Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Parses the file; a missing, negative or non-finite price or a pair listed twice is a
    /// <see cref="FormatException"/> naming file and line.</summary>
    public static TransferPriceTable Parse(TextReader reader, string fileName)
    {
        var prices = new Dictionary<(string, string), double>();
        foreach (var row in CsvRows.Read(reader, fileName, FromColumn, ToColumn, PriceColumn))
        {
            if (!prices.TryAdd((row[FromColumn], row[ToColumn]), row.NonNegative(PriceColumn)))
            {
                throw row.Error($"{row[FromColumn]} → {row[ToColumn]} is priced twice");
            }
        }
        return new TransferPriceTable(prices);
    }
}

/// <summary>A transfer price.</summary>
/// <param name="UsdPerGb">USD per GB sent.</param>
/// <param name="Assumed">True when the file had no row and the default was used.</param>
public sealed record TransferPrice(double UsdPerGb, bool Assumed);
