namespace Tern.FunctionHost;

/// <summary>One copy of a workflow function in one "region" of the local host: a process (or, in tests, a task) behind
/// its own loopback Lambda Runtime API.</summary>
/// <param name="Function">The workflow function it runs.</param>
/// <param name="Region">The region it stands for.</param>
/// <param name="LambdaName">Its Lambda function name, which callers invoke (by name or ARN).</param>
/// <param name="Launcher">Starts the function's code.</param>
/// <param name="Environment">Variables for the function beyond those the host sets (TERN_ settings, credentials).</param>
/// <param name="MemoryMiB">The configured memory, passed as AWS_LAMBDA_FUNCTION_MEMORY_SIZE.</param>
/// <param name="TimeoutSeconds">The deadline of each execution.</param>
public sealed record LocalCopy(
    string Function,
    string Region,
    string LambdaName,
    IFunctionLauncher Launcher,
    IReadOnlyDictionary<string, string> Environment,
    int MemoryMiB = 128,
    int TimeoutSeconds = 30)
{
    /// <summary>The ARN callers use; the local host answers for every account.</summary>
    public string Arn => LocalFunctionHost.Arn(Region, LambdaName);
}
