using Tern.Entities.ServerlessWorkflows;

namespace Tern.Operator.Controllers;

/// <summary>The copies in a workflow's status that no published placement routes to, with since when (read from the
/// status, so the grace period runs on across restarts and changes of leader).</summary>
internal static class UnusedCopies
{
    public static IReadOnlyList<UnusedCopy> Of(ServerlessWorkflowStatus? status, IReadOnlySet<(string Function, string Region)> used,
        DateTimeOffset now) =>
        [.. (status?.Deployments ?? []).Where(d => !used.Contains((d.Function, d.Region))).Select(d => new UnusedCopy(d.Function, d.Region,
            d.UnusedSince ?? now))];

    /// <summary>The copies with <see cref="DeployedCopy.UnusedSince"/> set where no placement uses them, and cleared
    /// where one does.</summary>
    public static IReadOnlyList<DeployedCopy> Mark(IEnumerable<DeployedCopy> copies, IReadOnlySet<(string Function, string Region)> used,
        DateTimeOffset now) =>
        [.. copies.Select(c => used.Contains((c.Function, c.Region)) ? c with { UnusedSince = null } : c with { UnusedSince = c.UnusedSince
            ?? now })];
}

/// <summary>A copy no placement uses, and since when.</summary>
internal sealed record UnusedCopy(string Function, string Region, DateTimeOffset Since);
