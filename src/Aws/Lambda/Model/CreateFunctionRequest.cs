namespace Tern.Aws.Lambda.Model;

/// <summary>CreateFunction for a container-image function.</summary>
public sealed record CreateFunctionRequest
{
    public required string FunctionName { get; init; }

    public required string Role { get; init; }

    public required FunctionCode Code { get; init; }

    public string PackageType { get; init; } = "Image";

    public int? MemorySize { get; init; }

    public int? Timeout { get; init; }

    public IReadOnlyList<string>? Architectures { get; init; }

    public FunctionEnvironment? Environment { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public string? Description { get; init; }
}

/// <summary>Where the code comes from: an image URI (Tern always names the image by digest).</summary>
public sealed record FunctionCode(string ImageUri);

/// <summary>Environment variables to set.</summary>
public sealed record FunctionEnvironment(IReadOnlyDictionary<string, string> Variables);
