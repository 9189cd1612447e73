using Tern.Solvers.Model;

namespace Tern.Solvers.Evaluation;

/// <summary>The probability that each instance runs and each call happens in one invocation. They do not
/// depend on the placement, so they are computed once per problem; expected cost and carbon are then
/// sums weighted by them.</summary>
/// <param name="Instance">Probability that instance i runs.</param>
/// <param name="Edge">Probability that call e happens.</param>
/// <param name="Exact">False when there were too many conditional calls to enumerate and the values were estimated.</param>
public sealed record InvocationProbabilities(IReadOnlyList<double> Instance, IReadOnlyList<double> Edge, bool Exact)
{
    // 2^20 outcomes are enumerated in well under a second; beyond that a fixed-seed estimate is used.
    private const int MaxEnumeratedCalls = 20;
    private const int EstimateSamples = 1 << 20;

    /// <summary>Computes the probabilities: exactly, by enumerating every outcome of the conditional calls
    /// (a join runs when any of its calls happens, and those events can share causes, so there is no
    /// simpler closed form); by a seeded estimate when there are more than 20 conditional calls.</summary>
    public static InvocationProbabilities Compute(IReadOnlyList<InstanceModel> instances, IReadOnlyList<EdgeModel> edges)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(edges);
        var uncertain = Enumerable.Range(0, edges.Count).Where(e => edges[e].Probability is > 0 and < 1).ToArray();
        var incoming = Enumerable.Range(0, instances.Count).Select(i => Enumerable.Range(0, edges.Count).Where(e => edges[e].To == i).ToArray()).ToArray();
        var instanceSums = new double[instances.Count];
        var edgeSums = new double[edges.Count];
        var happens = new bool[edges.Count];
        var runs = new bool[instances.Count];

        void Accumulate(double weight)
        {
            for (var i = 0; i < instances.Count; i++)
            {
                runs[i] = i == 0 || incoming[i].Any(e => runs[edges[e].From] && happens[e]);
                if (runs[i])
                {
                    instanceSums[i] += weight;
                }
            }
            for (var e = 0; e < edges.Count; e++)
            {
                if (runs[edges[e].From] && happens[e])
                {
                    edgeSums[e] += weight;
                }
            }
        }

        for (var e = 0; e < edges.Count; e++)
        {
            happens[e] = edges[e].Probability >= 1;
        }
        var exact = uncertain.Length <= MaxEnumeratedCalls;
        if (exact)
        {
            for (long outcome = 0; outcome < 1L << uncertain.Length; outcome++)
            {
                var weight = 1.0;
                for (var k = 0; k < uncertain.Length; k++)
                {
                    var happened = (outcome >> k & 1) == 1;
                    happens[uncertain[k]] = happened;
                    weight *= happened ? edges[uncertain[k]].Probability : 1 - edges[uncertain[k]].Probability;
                }
                Accumulate(weight);
            }
        }
        else
        {
            var random = new Random(20240603);
            for (var s = 0; s < EstimateSamples; s++)
            {
                foreach (var e in uncertain)
                {
                    happens[e] = random.NextDouble() < edges[e].Probability;
                }
                Accumulate(1.0 / EstimateSamples);
            }
        }
        return new InvocationProbabilities(instanceSums, edgeSums, exact);
    }
}
