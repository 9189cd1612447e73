namespace Tern.FunctionHost;

/// <summary>Starts a function's code with the environment Lambda would give it (AWS_LAMBDA_RUNTIME_API and the rest);
/// disposing the result stops it.</summary>
public interface IFunctionLauncher
{
    Task<IAsyncDisposable> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken ct);
}
