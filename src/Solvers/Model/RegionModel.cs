namespace Tern.Solvers.Model;

/// <summary>A candidate region: its prices, its grid carbon intensity per hour of the day, and how fast
/// functions run there relative to others.</summary>
public sealed record RegionModel
{
    /// <summary>Region code, for example us-east-1.</summary>
    public required string Code { get; init; }

    /// <summary>Grid carbon intensity per UTC hour of the day (24 values), gCO2e/kWh.</summary>
    public required IReadOnlyList<double> HourlyGramsPerKwh { get; init; }

    /// <summary>Lambda duration price, USD per GB-second, for x86_64.</summary>
    public required double X86UsdPerGbSecond { get; init; }

    /// <summary>Lambda duration price, USD per GB-second, for arm64.</summary>
    public required double ArmUsdPerGbSecond { get; init; }

    /// <summary>Lambda request price, USD per invocation, for x86_64.</summary>
    public required double X86UsdPerRequest { get; init; }

    /// <summary>Lambda request price, USD per invocation, for arm64.</summary>
    public required double ArmUsdPerRequest { get; init; }

    /// <summary>Price of one message of up to 64 KB that invokes a function here (Caribou: SNS), USD.</summary>
    public double MessageUsdPer64Kb { get; init; } = 5e-7;

    /// <summary>Power usage effectiveness of the region's data centres.</summary>
    public double Pue { get; init; } = 1.11;

    /// <summary>Speed relative to other regions (a larger value means slower runs); 1 when unknown.</summary>
    public double RelativePerformance { get; init; } = 1;

    /// <summary>Duration price for <paramref name="architecture"/>, USD per GB-second.</summary>
    public double UsdPerGbSecond(CpuArchitecture architecture) => architecture == CpuArchitecture.Arm ? ArmUsdPerGbSecond : X86UsdPerGbSecond;

    /// <summary>Request price for <paramref name="architecture"/>, USD.</summary>
    public double UsdPerRequest(CpuArchitecture architecture) => architecture == CpuArchitecture.Arm ? ArmUsdPerRequest : X86UsdPerRequest;
}
