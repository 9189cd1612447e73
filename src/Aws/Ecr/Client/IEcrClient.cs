using Tern.Aws.Ecr.Model;

namespace Tern.Aws.Ecr.Client;

/// <summary>The ECR API operations Tern uses, shaped like the official SDK's IAmazonECR. One client serves one
/// region. Every method throws <see cref="EcrException"/> on failure.</summary>
public interface IEcrClient
{
    /// <summary>The region this client calls.</summary>
    string Region { get; }

    /// <summary>Repositories by name; NotFound (RepositoryNotFoundException) when one named does not exist.</summary>
    Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken ct);

    /// <summary>Creates a repository; Conflict (RepositoryAlreadyExistsException) when it exists.</summary>
    Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken ct);

    /// <summary>Image details; NotFound (ImageNotFoundException) when a named image does not exist.</summary>
    Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken ct);

    /// <summary>Images with their manifests.</summary>
    Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken ct);

    /// <summary>A login for the account's registry in this region.</summary>
    Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(CancellationToken ct);
}
