namespace Tern.Aws.Lambda.Model;

/// <summary>GetFunction's answer: the configuration, where the code is, and the tags.</summary>
public sealed record GetFunctionResponse
{
    public FunctionConfiguration? Configuration { get; init; }

    public FunctionCodeLocation? Code { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

/// <summary>The code of an image function: the URI it was given and the one Lambda resolved (by digest).</summary>
public sealed record FunctionCodeLocation
{
    public string? RepositoryType { get; init; }

    public string? ImageUri { get; init; }

    public string? ResolvedImageUri { get; init; }
}
