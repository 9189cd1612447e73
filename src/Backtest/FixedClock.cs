namespace Tern.Backtest;

/// <summary>The clock a backtest's planner sees: the re-plan instant, so each plan says when it would have been made.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
