using System.Text.Json;
using Tern.Aws.Ecr.Model;
using Tern.Aws.Http;

namespace Tern.Aws.Ecr.Client;

/// <summary>ECR's API over its JSON 1.1 protocol: POST / with the operation in X-Amz-Target.</summary>
internal sealed class EcrClient : IEcrClient
{
    public const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921.";
    private const string JsonType = "application/x-amz-json-1.1";

    private readonly AwsHttp _http;

    public EcrClient(AwsHttp http, string region)
    {
        _http = http;
        Region = region;
    }

    public string Region { get; }

    public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken ct) =>
        CallAsync<DescribeRepositoriesRequest, DescribeRepositoriesResponse>(EcrOperations.DescribeRepositories, request, ct);

    public Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken ct) =>
        CallAsync<CreateRepositoryRequest, CreateRepositoryResponse>(EcrOperations.CreateRepository, request, ct);

    public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken ct) =>
        CallAsync<DescribeImagesRequest, DescribeImagesResponse>(EcrOperations.DescribeImages, request, ct);

    public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken ct) =>
        CallAsync<BatchGetImageRequest, BatchGetImageResponse>(EcrOperations.BatchGetImage, request, ct);

    public Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(CancellationToken ct) =>
        CallAsync<object, GetAuthorizationTokenResponse>(EcrOperations.GetAuthorizationToken, new { }, ct);

    private Task<TResponse> CallAsync<TRequest, TResponse>(AwsOperation operation, TRequest body, CancellationToken ct)
        where TResponse : class
    {
        var request = new AwsRequest(HttpMethod.Post, "/")
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(body, AwsJson.Json11),
            ContentType = JsonType,
            Headers = [new("X-Amz-Target", TargetPrefix + operation.Name)],
        };
        return _http.SendJsonAsync<TResponse>(operation, Region, request, AwsJson.Json11, ct);
    }
}
