using System.Numerics;
using Tern.Solvers.Model;

namespace Tern.Solvers.Evaluation;

/// <summary>The probability that each instance runs and each call happens in one invocation. They do not
/// depend on the placement, so they are computed once per problem; expected cost and carbon are then
/// sums weighted by them.</summary>
/// <param name="Instance">Probability that instance i runs.</param>
/// <param name="Edge">Probability that call e happens.</param>
/// <param name="Exact">False when too many conditional calls decide whether a join runs to enumerate, and the
/// joins' probabilities were estimated.</param>
public sealed record InvocationProbabilities(IReadOnlyList<double> Instance, IReadOnlyList<double> Edge, bool Exact)
{
    // 2^20 outcomes are enumerated in well under a second; beyond that a fixed-seed estimate is used.
    private const int MaxEnumeratedCalls = 20;
    private const int EstimateSamples = 1 << 20;
    private const int EstimateSeed = 20240603;
    // A call's probability is kept to 32 binary digits when drawing 64 outcomes at once (an error under 2.4e-10).
    private const int ProbabilityBits = 32;

    /// <summary>Computes the probabilities. A call happens when its caller runs and its own draw says so, which is
    /// independent of everything before it, so a call's probability is its caller's times its own, and an instance
    /// with one caller runs with its call's probability. A join runs when any of its calls happens, and those events
    /// can share causes, so there is no simpler closed form: the outcomes of the conditional calls that lead to joins
    /// are enumerated, 64 at a time as bits; with more than 20 such calls, 2^20 seeded draws estimate them.</summary>
    public static InvocationProbabilities Compute(IReadOnlyList<InstanceModel> instances, IReadOnlyList<EdgeModel> edges)
    {
        ArgumentNullException.ThrowIfNull(instances);
        ArgumentNullException.ThrowIfNull(edges);
        var incoming = Enumerable.Range(0, instances.Count)
            .Select(i => Enumerable.Range(0, edges.Count).Where(e => edges[e].To == i).ToArray())
            .ToArray();
        var relevant = CallsDecidingJoins(instances.Count, edges, incoming);
        var exact = relevant.Length <= MaxEnumeratedCalls;
        var joinProbability = relevant.Length == 0 && !incoming.Any(calls => calls.Length > 1)
            ? []
            : JoinProbabilities(instances.Count, edges, incoming, relevant, exact);
        var instance = new double[instances.Count];
        var edge = new double[edges.Count];
        for (var i = 0; i < instances.Count; i++)
        {
            instance[i] = i == 0 ? 1 : incoming[i].Length switch
            {
                0 => 0,
                1 => edge[incoming[i][0]],
                _ => joinProbability[i],
            };
            // Edges go forward, so a caller's probability is final before its calls are visited.
            for (var e = 0; e < edges.Count; e++)
            {
                if (edges[e].From == i)
                {
                    edge[e] = instance[i] * edges[e].Probability;
                }
            }
        }
        return new InvocationProbabilities(instance, edge, exact);
    }

    // The conditional calls into a join or into any instance a join depends on: only they decide whether joins run.
    private static int[] CallsDecidingJoins(int instances, IReadOnlyList<EdgeModel> edges, int[][] incoming)
    {
        var ancestorOfJoin = new bool[instances];
        for (var i = instances - 1; i >= 0; i--)
        {
            ancestorOfJoin[i] |= incoming[i].Length > 1;
            if (ancestorOfJoin[i])
            {
                foreach (var e in incoming[i])
                {
                    ancestorOfJoin[edges[e].From] = true;
                }
            }
        }
        return [.. Enumerable.Range(0, edges.Count).Where(e => ancestorOfJoin[edges[e].To] && edges[e].Probability is > 0 and < 1)];
    }

    // Whether instances run, for 64 outcomes at once: one bit per outcome. Enumerated outcomes are weighted by their
    // probability; drawn ones all weigh the same.
    private static double[] JoinProbabilities(int instances, IReadOnlyList<EdgeModel> edges, int[][] incoming, int[] relevant, bool exact)
    {
        var happens = new ulong[edges.Count];
        for (var e = 0; e < edges.Count; e++)
        {
            happens[e] = edges[e].Probability >= 1 ? ulong.MaxValue : 0;
        }
        var runs = new ulong[instances];
        var sums = new double[instances];
        var joins = Enumerable.Range(0, instances).Where(i => incoming[i].Length > 1).ToArray();
        if (exact)
        {
            // The six lowest calls vary within a block of 64 outcomes; the others are fixed per block.
            var inBlock = Math.Min(6, relevant.Length);
            var weightInBlock = new double[64];
            for (var bit = 0; bit < 1 << inBlock; bit++)
            {
                weightInBlock[bit] = Weight(edges, relevant.AsSpan(0, inBlock), bit);
            }
            var blocks = 1L << (relevant.Length - inBlock);
            var validBits = inBlock == 6 ? ulong.MaxValue : (1UL << (1 << inBlock)) - 1;
            for (var k = 0; k < inBlock; k++)
            {
                happens[relevant[k]] = BitPattern(k) & validBits;
            }
            for (long block = 0; block < blocks; block++)
            {
                for (var k = inBlock; k < relevant.Length; k++)
                {
                    happens[relevant[k]] = (block >> (k - inBlock) & 1) == 1 ? validBits : 0;
                }
                Propagate(edges, incoming, happens, runs, validBits);
                var blockWeight = Weight(edges, relevant.AsSpan(inBlock), block);
                foreach (var join in joins)
                {
                    for (var bits = runs[join]; bits != 0; bits &= bits - 1)
                    {
                        sums[join] += blockWeight * weightInBlock[BitOperations.TrailingZeroCount(bits)];
                    }
                }
            }
            return sums;
        }
        var random = new SplitMix64(EstimateSeed);
        var thresholds = relevant.Select(e => (ulong)Math.Round(edges[e].Probability * (1UL << ProbabilityBits))).ToArray();
        for (var block = 0; block < EstimateSamples / 64; block++)
        {
            for (var k = 0; k < relevant.Length; k++)
            {
                happens[relevant[k]] = Bernoulli64(thresholds[k], ref random);
            }
            Propagate(edges, incoming, happens, runs, ulong.MaxValue);
            foreach (var join in joins)
            {
                sums[join] += BitOperations.PopCount(runs[join]);
            }
        }
        foreach (var join in joins)
        {
            sums[join] /= EstimateSamples;
        }
        return sums;
    }

    private static void Propagate(IReadOnlyList<EdgeModel> edges, int[][] incoming, ulong[] happens, ulong[] runs, ulong all)
    {
        runs[0] = all;
        for (var i = 1; i < runs.Length; i++)
        {
            var any = 0UL;
            foreach (var e in incoming[i])
            {
                any |= runs[edges[e].From] & happens[e];
            }
            runs[i] = any;
        }
    }

    // The probability of the outcome whose bit k says whether calls[k] happened.
    private static double Weight(IReadOnlyList<EdgeModel> edges, ReadOnlySpan<int> calls, long outcome)
    {
        var weight = 1.0;
        for (var k = 0; k < calls.Length; k++)
        {
            var p = edges[calls[k]].Probability;
            weight *= (outcome >> k & 1) == 1 ? p : 1 - p;
        }
        return weight;
    }

    // Bit b of the result is bit k of b: outcome b of a block has call k happen when that bit is set.
    private static ulong BitPattern(int k)
    {
        var pattern = 0UL;
        for (var b = 0; b < 64; b++)
        {
            pattern |= (ulong)(b >> k & 1) << b;
        }
        return pattern;
    }

    // 64 independent draws, each 1 with probability threshold / 2^32: reading the threshold's binary digits from the
    // lowest, OR with a fair random word for a 1 and AND for a 0 halves and shifts the probability digit by digit.
    private static ulong Bernoulli64(ulong threshold, ref SplitMix64 random)
    {
        if (threshold >= 1UL << ProbabilityBits)
        {
            return ulong.MaxValue;
        }
        var mask = 0UL;
        for (var bit = 0; bit < ProbabilityBits; bit++)
        {
            var fair = random.Next();
            mask = (threshold >> bit & 1) == 1 ? mask | fair : mask & fair;
        }
        return mask;
    }

    // Steele, Lea and Flood's SplitMix64: 64 fair bits per step, seeded, far cheaper than System.Random's seeded
    // generator, which the estimate would otherwise spend most of its time in.
    private struct SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
