namespace Tern.Solvers.Evaluation;

/// <summary>The expected per-call terms of one metric: call e from region a to region b adds
/// <c>PerGb[e] × RoutePerGb[a, b] + PerMessage[e] × CalleePerMessage[b]</c>. Every call's term has that shape — its
/// expected payload times the route's price or carbon per GB, plus its expected messages times the callee region's
/// message price — so a table per call and region pair (calls × regions², hundreds of MB for large workflows, built
/// again for every time key) is never needed.</summary>
internal sealed class PairTerms
{
    private readonly int _regions;
    private readonly double[] _perGb;
    private readonly double[] _routePerGb;
    private readonly double[] _perMessage;
    private readonly double[] _calleePerMessage;

    /// <param name="perGb">Per call: probability it happens × mean payload, GB.</param>
    /// <param name="routePerGb">Per region pair [from * R + to]: the metric per GB moved.</param>
    /// <param name="perMessage">Per call: probability it happens × mean number of messages.</param>
    /// <param name="calleePerMessage">Per region: the metric per message delivered there.</param>
    public PairTerms(double[] perGb, double[] routePerGb, double[] perMessage, double[] calleePerMessage)
    {
        _regions = calleePerMessage.Length;
        (_perGb, _routePerGb, _perMessage, _calleePerMessage) = (perGb, routePerGb, perMessage, calleePerMessage);
    }

    /// <summary>The term of call <paramref name="edge"/> from region <paramref name="from"/> to region <paramref name="to"/>.</summary>
    public double this[int edge, int from, int to] => _perGb[edge] * _routePerGb[from * _regions + to] + _perMessage[edge] * _calleePerMessage[to];
}
