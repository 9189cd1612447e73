namespace Tern.Solvers.Model;

/// <summary>A call from one instance to another. Its latency between two regions is given per region pair
/// by the problem's latency table.</summary>
public sealed record EdgeModel
{
    /// <summary>Index of the calling instance.</summary>
    public required int From { get; init; }

    /// <summary>Index of the called instance.</summary>
    public required int To { get; init; }

    /// <summary>Probability that the call happens when the caller runs, 0 to 1.</summary>
    public double Probability { get; init; } = 1;

    /// <summary>Samples of the payload size, GB.</summary>
    public required IReadOnlyList<double> PayloadGb { get; init; }

    /// <summary>When during the caller's run the call is made, as a fraction of its run time (1 = at the end).</summary>
    public double CallAtFraction { get; init; } = 1;

    /// <summary>Cost per GB of the payload that does not depend on where the two instances run, USD/GB: for example a
    /// join storing each caller's payload. Drawn with the payload, so it shapes the tail of the cost, not only its mean.</summary>
    public double StorageUsdPerGb { get; init; }
}
