namespace Tern.Aws.Lambda.Model;

/// <summary>A function's configuration as Lambda reports it (the members Tern reads).</summary>
public sealed record FunctionConfiguration
{
    public string? FunctionName { get; init; }

    public string? FunctionArn { get; init; }

    public string? Role { get; init; }

    public string? PackageType { get; init; }

    /// <summary>For an image function, the image manifest's SHA-256 (hex, without "sha256:").</summary>
    public string? CodeSha256 { get; init; }

    public int? MemorySize { get; init; }

    public int? Timeout { get; init; }

    public IReadOnlyList<string>? Architectures { get; init; }

    public EnvironmentResponse? Environment { get; init; }

    /// <summary>Pending, Active, Inactive or Failed.</summary>
    public string? State { get; init; }

    public string? StateReason { get; init; }

    public string? StateReasonCode { get; init; }

    /// <summary>InProgress, Successful or Failed.</summary>
    public string? LastUpdateStatus { get; init; }

    public string? LastUpdateStatusReason { get; init; }

    public string? LastUpdateStatusReasonCode { get; init; }

    public string? RevisionId { get; init; }

    public string? LastModified { get; init; }

    public string? Version { get; init; }
}

/// <summary>Environment variables as Lambda reports them.</summary>
public sealed record EnvironmentResponse
{
    public IReadOnlyDictionary<string, string>? Variables { get; init; }
}
