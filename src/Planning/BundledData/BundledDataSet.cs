using Tern.Carbon.Bundled;
namespace Tern.Planning.BundledData;

/// <summary>The reference data shipped in data/ next to the tern binary (see data/README.md for sources and licences).</summary>
public sealed record BundledDataSet(CarbonHistory Carbon, LambdaPriceTable LambdaPrices, TransferPriceTable TransferPrices,
    InterRegionLatency Latency)
{
    /// <summary>Where the build puts data/: beside the binary.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>Reads carbon/, pricing/ and latency/ under <paramref name="directory"/> (default <see cref="DefaultDirectory"/>).</summary>
    public static BundledDataSet Load(string? directory = null)
    {
        var root = directory ?? DefaultDirectory;
        return new BundledDataSet(
            CarbonHistory.Load(Path.Combine(root, "carbon")),
            LambdaPriceTable.Load(Path.Combine(root, "pricing", "lambda_pricing.csv")),
            TransferPriceTable.Load(Path.Combine(root, "pricing", "interregion_transfer_usd_per_gb.csv")),
            InterRegionLatency.Load(Path.Combine(root, "latency", "aws_interregion_latency_ms.csv")));
    }
}
