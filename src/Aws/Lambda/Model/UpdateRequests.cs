namespace Tern.Aws.Lambda.Model;

/// <summary>UpdateFunctionCode for an image function.</summary>
public sealed record UpdateFunctionCodeRequest
{
    public required string FunctionName { get; init; }

    public required string ImageUri { get; init; }

    public IReadOnlyList<string>? Architectures { get; init; }

    /// <summary>Only update if the function is still at this revision (optimistic locking).</summary>
    public string? RevisionId { get; init; }
}

/// <summary>UpdateFunctionConfiguration: the members Tern manages.</summary>
public sealed record UpdateFunctionConfigurationRequest
{
    public required string FunctionName { get; init; }

    public string? Role { get; init; }

    public int? MemorySize { get; init; }

    public int? Timeout { get; init; }

    public FunctionEnvironment? Environment { get; init; }

    public string? RevisionId { get; init; }
}
