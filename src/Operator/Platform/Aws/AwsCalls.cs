using Tern.Aws.Http;

namespace Tern.Operator.Platform.Aws;

/// <summary>Turns an AWS failure into the operator's <see cref="FunctionPlatformException"/>, saying what was being
/// done; the AWS message (code, message and advice, never a credential) follows.</summary>
internal static class AwsCalls
{
    public static async Task<T> RunAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            throw new FunctionPlatformException($"{what}: {e.Message}", e);
        }
    }

    public static Task RunAsync(string what, Func<Task> call) => RunAsync(what, async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });
}
