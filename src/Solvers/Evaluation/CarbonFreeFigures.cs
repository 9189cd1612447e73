using System.Collections.Concurrent;

namespace Tern.Solvers.Evaluation;

/// <summary>The Monte Carlo figures of placements that carbon does not change — run time and cost — on the context's
/// shared draws. Every time key of a plan, and every re-plan that shares the context
/// (<see cref="EvaluationContext.WithCarbon"/>), would otherwise simulate the same placement again to get the very
/// same numbers: a constrained search spends most of its time there.</summary>
internal sealed class CarbonFreeFigures
{
    // A bound on memory for long backtests: past it, figures are still computed, just no longer kept.
    private const int Capacity = 1 << 18;

    private readonly ConcurrentDictionary<Key, Figures> _figures = new();

    /// <summary>The figures of <paramref name="placement"/> on samples [0, <paramref name="samples"/>), when known.</summary>
    public bool TryGet(int[] placement, int samples, out Figures figures) =>
        _figures.TryGetValue(new Key(placement, samples), out figures);

    /// <summary>Keeps the figures of <paramref name="placement"/> (copied: callers reuse their arrays).</summary>
    public void Add(int[] placement, int samples, Figures figures)
    {
        if (_figures.Count < Capacity)
        {
            _figures.TryAdd(new Key((int[])placement.Clone(), samples), figures);
        }
    }

    /// <summary>Run-time mean, tail and confidence half-width, and the cost tail.</summary>
    internal readonly record struct Figures(double RuntimeMean, double RuntimeP95, double RuntimeHalfWidth, double CostP95);

    // A placement compared by content; the sample count is part of the key because figures depend on it.
    private readonly struct Key(int[] placement, int samples) : IEquatable<Key>
    {
        private readonly int[] _placement = placement;
        private readonly int _samples = samples;

        public bool Equals(Key other) => _samples == other._samples && _placement.AsSpan().SequenceEqual(other._placement);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(_samples);
            foreach (var region in _placement)
            {
                hash.Add(region);
            }
            return hash.ToHashCode();
        }
    }
}
