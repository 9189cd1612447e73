using System.Globalization;
using System.Text.Json;
using Tern.Aws.Http;
using Tern.Aws.Lambda.Model;

namespace Tern.Aws.Lambda.Client;

/// <summary>Lambda over its REST-JSON protocol. A name given as an ARN is percent-encoded once in the path; the
/// signing handler encodes it again for the canonical request, as SigV4 requires.</summary>
internal sealed class LambdaClient : ILambdaClient
{
    private const string Functions = "/2015-03-31/functions";
    private const string Tags = "/2017-03-31/tags";
    private const string JsonType = "application/json";

    private readonly AwsHttp _http;

    public LambdaClient(AwsHttp http, string region)
    {
        _http = http;
        Region = region;
    }

    public string Region { get; }

    public Task<FunctionConfiguration> CreateFunctionAsync(CreateFunctionRequest request, CancellationToken ct) =>
        _http.SendJsonAsync<FunctionConfiguration>(LambdaOperations.CreateFunction, Region, Json(HttpMethod.Post, Functions, request),
            AwsJson.RestJson, ct);

    public Task<GetFunctionResponse> GetFunctionAsync(string functionName, CancellationToken ct) =>
        _http.SendJsonAsync<GetFunctionResponse>(LambdaOperations.GetFunction, Region, new AwsRequest(HttpMethod.Get, FunctionPath(functionName)),
            AwsJson.RestJson, ct);

    public Task<FunctionConfiguration> UpdateFunctionCodeAsync(UpdateFunctionCodeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new { request.ImageUri, request.Architectures, request.RevisionId };
        return _http.SendJsonAsync<FunctionConfiguration>(LambdaOperations.UpdateFunctionCode, Region,
            Json(HttpMethod.Put, FunctionPath(request.FunctionName) + "/code", body), AwsJson.RestJson, ct);
    }

    public Task<FunctionConfiguration> UpdateFunctionConfigurationAsync(UpdateFunctionConfigurationRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new { request.Role, request.MemorySize, request.Timeout, request.Environment, request.RevisionId };
        return _http.SendJsonAsync<FunctionConfiguration>(LambdaOperations.UpdateFunctionConfiguration, Region,
            Json(HttpMethod.Put, FunctionPath(request.FunctionName) + "/configuration", body), AwsJson.RestJson, ct);
    }

    public Task DeleteFunctionAsync(string functionName, CancellationToken ct) =>
        _http.SendAsync(LambdaOperations.DeleteFunction, Region, new AwsRequest(HttpMethod.Delete, FunctionPath(functionName)), ct);

    public Task<ListFunctionsResponse> ListFunctionsAsync(ListFunctionsRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new List<string>();
        if (request.Marker is { } marker)
        {
            query.Add("Marker=" + Uri.EscapeDataString(marker));
        }
        if (request.MaxItems is { } max)
        {
            query.Add("MaxItems=" + max.ToString(CultureInfo.InvariantCulture));
        }
        var path = query.Count == 0 ? Functions : $"{Functions}?{string.Join('&', query)}";
        return _http.SendJsonAsync<ListFunctionsResponse>(LambdaOperations.ListFunctions, Region, new AwsRequest(HttpMethod.Get, path),
            AwsJson.RestJson, ct);
    }

    public Task TagResourceAsync(TagResourceRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _http.SendAsync(LambdaOperations.TagResource, Region,
            Json(HttpMethod.Post, $"{Tags}/{Uri.EscapeDataString(request.Resource)}", new { request.Tags }), ct);
    }

    public Task<ListTagsResponse> ListTagsAsync(string resourceArn, CancellationToken ct) =>
        _http.SendJsonAsync<ListTagsResponse>(LambdaOperations.ListTags, Region,
            new AwsRequest(HttpMethod.Get, $"{Tags}/{Uri.EscapeDataString(resourceArn)}"), AwsJson.RestJson, ct);

    public async Task<InvokeResponse> InvokeAsync(InvokeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = FunctionPath(request.FunctionName) + "/invocations" +
                   (request.Qualifier is { } qualifier ? "?Qualifier=" + Uri.EscapeDataString(qualifier) : "");
        var message = new AwsRequest(HttpMethod.Post, path)
        {
            Body = request.Payload.ToArray(),
            ContentType = JsonType,
            Headers = [new("X-Amz-Invocation-Type", request.InvocationType.ToString())],
            // A synchronous invocation lasts as long as the function runs: up to Lambda's 15-minute limit.
            Timeout = request.InvocationType == InvocationType.RequestResponse ? TimeSpan.FromMinutes(16) : null,
        };
        var response = await _http.SendAsync(LambdaOperations.Invoke, Region, message, ct).ConfigureAwait(false);
        return new InvokeResponse((int)response.Status, response.Body, response.Header("X-Amz-Function-Error"),
            response.Header("X-Amz-Executed-Version"));
    }

    private static string FunctionPath(string functionName) => $"{Functions}/{Uri.EscapeDataString(functionName)}";

    private static AwsRequest Json<T>(HttpMethod method, string path, T body) =>
        new(method, path) { Body = JsonSerializer.SerializeToUtf8Bytes(body, AwsJson.RestJson), ContentType = JsonType };
}
