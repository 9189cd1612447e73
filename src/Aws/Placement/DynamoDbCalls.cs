using Amazon.Runtime;
using Tern.Aws.Http;

namespace Tern.Aws.Placement;

/// <summary>Runs one official-SDK DynamoDB call: reports it to the call observer and turns the SDK's exceptions into
/// <see cref="PlacementException"/> with a failure kind (the SDK retries throttling and 5xx itself).</summary>
internal sealed class DynamoDbCalls(AwsContext context, string region)
{
    public string Region { get; } = region;

    public async Task<T> RunAsync<T>(AwsOperation operation, string table, Func<Task<T>> call)
    {
        var started = context.Time.GetTimestamp();
        try
        {
            var result = await call().ConfigureAwait(false);
            context.Observer.OnAttempt(new AwsAttempt("dynamodb", operation.Name, Region, 1, AwsAttempt.Success, null, false,
                context.Time.GetElapsedTime(started)));
            return result;
        }
        catch (AmazonServiceException e)
        {
            var kind = AwsErrorClassifier.Classify(e.ErrorCode, e.StatusCode);
            context.Observer.OnAttempt(new AwsAttempt("dynamodb", operation.Name, Region, 1, AwsAttempt.OutcomeOf(kind), e.ErrorCode, false,
                context.Time.GetElapsedTime(started)));
            var failure = new AwsFailure(kind, "dynamodb", operation.Name, Region, e.ErrorCode, e.Message, e.StatusCode, 1);
            var advice = kind == AwsFailureKind.AccessDenied
                ? $" Check that Tern's IAM policy allows {operation.IamAction} on table {table} (config/iam)."
                : kind == AwsFailureKind.NotFound ? $" Create the tables with `tern aws setup`." : "";
            throw new PlacementException(
                $"DynamoDB {operation.Name} on {table} in {Region} failed: {e.ErrorCode}: {e.Message} (HTTP {(int)e.StatusCode}).{advice}",
                failure, e);
        }
        catch (MissingCredentialsException e)
        {
            context.Observer.OnAttempt(new AwsAttempt("dynamodb", operation.Name, Region, 1, "accessdenied", null, false,
                context.Time.GetElapsedTime(started)));
            var failure = new AwsFailure(AwsFailureKind.AccessDenied, "dynamodb", operation.Name, Region, "MissingCredentials", e.Message, null, 1);
            throw new PlacementException($"DynamoDB {operation.Name} on {table} in {Region} failed: {e.Message}", failure, e);
        }
        catch (AmazonClientException e)
        {
            context.Observer.OnAttempt(new AwsAttempt("dynamodb", operation.Name, Region, 1, "network", null, false,
                context.Time.GetElapsedTime(started)));
            var failure = new AwsFailure(AwsFailureKind.Network, "dynamodb", operation.Name, Region, null, e.Message, null, 1);
            throw new PlacementException($"DynamoDB {operation.Name} on {table} in {Region} failed: {e.Message}", failure, e);
        }
    }
}
