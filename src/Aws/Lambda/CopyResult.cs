namespace Tern.Aws.Lambda;

/// <summary>Where a copy stands. Only <see cref="Active"/> may be routed to.</summary>
public enum CopyStatus
{
    /// <summary>Being created or updated, or waiting for a change to settle: look again after the requeue delay.</summary>
    Pending,

    /// <summary>State Active and the last update Successful: calls can be routed here.</summary>
    Active,

    /// <summary>Lambda reports the copy (or its last update) as Failed; the message says why.</summary>
    Failed,
}

/// <summary>What <see cref="FunctionCopyManager.DeleteOwnedAsync"/> found.</summary>
public enum CopyDeletion
{
    Deleted,

    /// <summary>No function of that name exists in the region.</summary>
    Missing,

    /// <summary>The function exists but its tags do not name the owner asked for; it was left alone.</summary>
    NotOwned,
}

/// <summary>What a pass did to a copy.</summary>
[Flags]
public enum CopyActions
{
    None = 0,
    Created = 1,
    Tagged = 2,
    CodeUpdated = 4,
    ConfigurationUpdated = 8,
}

/// <summary>The result of one ensure pass: a status, what was done, and when to look again. Waiting is data here,
/// never an exception.</summary>
/// <param name="Status">Where the copy stands now.</param>
/// <param name="Actions">What this pass changed.</param>
/// <param name="RequeueAfter">When to look again (null when Active or Failed with nothing to wait for).</param>
/// <param name="Message">Why it is Pending or Failed, for conditions and events.</param>
/// <param name="Observed">The copy as last read or as the last call answered.</param>
public sealed record CopyResult(CopyStatus Status, CopyActions Actions, TimeSpan? RequeueAfter, string? Message, ObservedCopy? Observed);

/// <summary>How a copy differs from what it must be. Code (image digest, architecture) and configuration (memory,
/// timeout, role, environment) are separate because Lambda takes them in separate calls that each start an update.</summary>
/// <param name="Code">The image digest or architecture differs.</param>
/// <param name="Configuration">Memory, timeout, role or environment differs.</param>
/// <param name="Tags">An ownership tag is missing or wrong.</param>
/// <param name="Fields">What differs, for messages (e.g. "image digest", "memoryMiB 128→256").</param>
public sealed record CopyDelta(bool Code, bool Configuration, bool Tags, IReadOnlyList<string> Fields)
{
    public bool IsEmpty => !Code && !Configuration && !Tags;
}
