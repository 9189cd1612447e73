using Tern.Aws.Lambda.Model;

namespace Tern.Aws.Lambda.Client;

/// <summary>The Lambda operations Tern uses, shaped like the official SDK's IAmazonLambda so it can be swapped for it.
/// One client serves one region. Every method throws <see cref="LambdaException"/> on failure.</summary>
public interface ILambdaClient
{
    /// <summary>The region this client calls.</summary>
    string Region { get; }

    /// <summary>Creates a container-image function. A function of that name already there is a Conflict.</summary>
    Task<FunctionConfiguration> CreateFunctionAsync(CreateFunctionRequest request, CancellationToken ct);

    /// <summary>The function's configuration, code location and tags; NotFound when it does not exist.</summary>
    Task<GetFunctionResponse> GetFunctionAsync(string functionName, CancellationToken ct);

    /// <summary>Points the function at another image.</summary>
    Task<FunctionConfiguration> UpdateFunctionCodeAsync(UpdateFunctionCodeRequest request, CancellationToken ct);

    /// <summary>Changes memory, timeout, role or environment.</summary>
    Task<FunctionConfiguration> UpdateFunctionConfigurationAsync(UpdateFunctionConfigurationRequest request, CancellationToken ct);

    /// <summary>Deletes the function; NotFound when it does not exist.</summary>
    Task DeleteFunctionAsync(string functionName, CancellationToken ct);

    /// <summary>One page of the region's functions.</summary>
    Task<ListFunctionsResponse> ListFunctionsAsync(ListFunctionsRequest request, CancellationToken ct);

    /// <summary>Adds or overwrites tags on a function (by ARN).</summary>
    Task TagResourceAsync(TagResourceRequest request, CancellationToken ct);

    /// <summary>A function's tags (by ARN).</summary>
    Task<ListTagsResponse> ListTagsAsync(string resourceArn, CancellationToken ct);

    /// <summary>Invokes a function, synchronously or as an event.</summary>
    Task<InvokeResponse> InvokeAsync(InvokeRequest request, CancellationToken ct);
}
