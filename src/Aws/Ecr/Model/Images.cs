namespace Tern.Aws.Ecr.Model;

/// <summary>Names an image by digest or tag.</summary>
public sealed record ImageIdentifier
{
    public string? ImageDigest { get; init; }

    public string? ImageTag { get; init; }
}

/// <summary>DescribeImages.</summary>
public sealed record DescribeImagesRequest
{
    public required string RepositoryName { get; init; }

    public IReadOnlyList<ImageIdentifier>? ImageIds { get; init; }

    public string? NextToken { get; init; }
}

/// <summary>DescribeImages' answer.</summary>
public sealed record DescribeImagesResponse
{
    public IReadOnlyList<ImageDetail>? ImageDetails { get; init; }

    public string? NextToken { get; init; }
}

/// <summary>What ECR knows of one image.</summary>
public sealed record ImageDetail
{
    public string? RepositoryName { get; init; }

    public string? ImageDigest { get; init; }

    public IReadOnlyList<string>? ImageTags { get; init; }

    public long? ImageSizeInBytes { get; init; }

    public string? ImageManifestMediaType { get; init; }
}

/// <summary>BatchGetImage.</summary>
public sealed record BatchGetImageRequest
{
    public required string RepositoryName { get; init; }

    public required IReadOnlyList<ImageIdentifier> ImageIds { get; init; }

    public IReadOnlyList<string>? AcceptedMediaTypes { get; init; }
}

/// <summary>BatchGetImage's answer: the images found and a failure per identifier not found.</summary>
public sealed record BatchGetImageResponse
{
    public IReadOnlyList<EcrImage>? Images { get; init; }

    public IReadOnlyList<ImageFailure>? Failures { get; init; }
}

/// <summary>An image with its manifest.</summary>
public sealed record EcrImage
{
    public string? RepositoryName { get; init; }

    public ImageIdentifier? ImageId { get; init; }

    public string? ImageManifest { get; init; }

    public string? ImageManifestMediaType { get; init; }
}

/// <summary>Why one identifier of a batch was not answered.</summary>
public sealed record ImageFailure
{
    public ImageIdentifier? ImageId { get; init; }

    public string? FailureCode { get; init; }

    public string? FailureReason { get; init; }
}
