using Tern.Solvers.Model;

namespace Tern.Solvers.Evaluation;

/// <summary>The random draws of the Monte Carlo, made once per problem and shared by every candidate
/// placement (common random numbers): which calls happen in each sample, and one uniform number per
/// instance run, call latency and payload. Distributions are sorted, so a uniform picks the same quantile
/// in whichever region a candidate puts an instance, and differences between candidates are not noise.</summary>
internal sealed class RandomStreams
{
    public RandomStreams(PlanningProblem problem, int samples, int seed)
    {
        var random = new Random(seed);
        // Edges go forward, so visiting them by caller settles whether a caller runs before its calls are seen.
        var byCaller = Enumerable.Range(0, problem.Edges.Count).OrderBy(e => problem.Edges[e].From).ToArray();
        var instances = problem.Instances.Count;
        var edges = problem.Edges.Count;
        Samples = samples;
        Runs = new bool[samples * instances];
        Happens = new bool[samples * edges];
        RuntimeU = new double[samples * instances];
        LatencyU = new double[samples * edges];
        PayloadU = new double[samples * edges];
        for (var s = 0; s < samples; s++)
        {
            for (var e = 0; e < edges; e++)
            {
                Happens[s * edges + e] = random.NextDouble() < problem.Edges[e].Probability;
                LatencyU[s * edges + e] = random.NextDouble();
                PayloadU[s * edges + e] = random.NextDouble();
            }
            for (var i = 0; i < instances; i++)
            {
                RuntimeU[s * instances + i] = random.NextDouble();
            }
            Runs[s * instances] = true;
            foreach (var e in byCaller)
            {
                var edge = problem.Edges[e];
                Happens[s * edges + e] &= Runs[s * instances + edge.From];
                Runs[s * instances + edge.To] |= Happens[s * edges + e];
            }
        }
    }

    public int Samples { get; }

    /// <summary>Whether instance i runs in sample s, [s * instances + i].</summary>
    public bool[] Runs { get; }

    /// <summary>Whether call e happens in sample s, [s * edges + e].</summary>
    public bool[] Happens { get; }

    public double[] RuntimeU { get; }

    public double[] LatencyU { get; }

    public double[] PayloadU { get; }

    /// <summary>The sample of a sorted distribution at quantile u (uniform over all elements, unlike
    /// Caribou's Python, which never picked the last one).</summary>
    public static double Pick(double[] sorted, double u) => sorted[Math.Min((int)(u * sorted.Length), sorted.Length - 1)];

    public static double Pick(IReadOnlyList<double> sorted, double u) => sorted[Math.Min((int)(u * sorted.Count), sorted.Count - 1)];
}
