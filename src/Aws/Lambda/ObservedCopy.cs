namespace Tern.Aws.Lambda;

/// <summary>A copy as Lambda reports it (the "latest" of ReadOne/Update).</summary>
public sealed record ObservedCopy
{
    public required string FunctionName { get; init; }

    public required string Region { get; init; }

    public string? FunctionArn { get; init; }

    /// <summary>Pending, Active, Inactive or Failed.</summary>
    public string? State { get; init; }

    public string? StateReason { get; init; }

    /// <summary>InProgress, Successful or Failed; null when Lambda does not say (then treated as Successful).</summary>
    public string? LastUpdateStatus { get; init; }

    public string? LastUpdateStatusReason { get; init; }

    /// <summary>The running image's manifest digest as hex, without "sha256:".</summary>
    public string? CodeSha256 { get; init; }

    /// <summary>The image URI (GetFunction only; ListFunctions does not report it).</summary>
    public string? ImageUri { get; init; }

    public int? MemoryMiB { get; init; }

    public int? TimeoutSeconds { get; init; }

    public string? Architecture { get; init; }

    public string? RoleArn { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public string? RevisionId { get; init; }

    /// <summary>The workflow function the tags name, if any.</summary>
    public CopyOwner? Owner => CopyOwner.FromTags(Tags);
}
