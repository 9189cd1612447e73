namespace Tern.Aws.Ecr.Model;

/// <summary>An ECR repository.</summary>
public sealed record Repository
{
    public string? RepositoryArn { get; init; }

    public string? RegistryId { get; init; }

    public string? RepositoryName { get; init; }

    /// <summary>{account}.dkr.ecr.{region}.{suffix}/{name}.</summary>
    public string? RepositoryUri { get; init; }
}

/// <summary>DescribeRepositories by name.</summary>
public sealed record DescribeRepositoriesRequest
{
    public IReadOnlyList<string>? RepositoryNames { get; init; }

    public string? NextToken { get; init; }
}

/// <summary>DescribeRepositories' answer.</summary>
public sealed record DescribeRepositoriesResponse
{
    public IReadOnlyList<Repository>? Repositories { get; init; }

    public string? NextToken { get; init; }
}

/// <summary>CreateRepository.</summary>
public sealed record CreateRepositoryRequest
{
    public required string RepositoryName { get; init; }

    /// <summary>IMMUTABLE keeps a tag from being moved; Tern copies by digest, so either works.</summary>
    public string? ImageTagMutability { get; init; }

    public IReadOnlyList<EcrTag>? Tags { get; init; }
}

/// <summary>An ECR resource tag.</summary>
public sealed record EcrTag(string Key, string Value);

/// <summary>CreateRepository's answer.</summary>
public sealed record CreateRepositoryResponse
{
    public Repository? Repository { get; init; }
}
