namespace Tern.Operator.Runtime;

/// <summary>Times as the API server stores them (RFC 3339 to the second). Writing them at that precision
/// keeps a recomputed status equal to the stored one, so unchanged statuses are not written again.</summary>
internal static class ApiTime
{
    public static DateTimeOffset ToSecond(DateTimeOffset time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, time.Offset);
}
