using Tern.Aws;
using Tern.FunctionHost;
using Tern.Functions;

namespace Tern.Tests.Support.Functions;

/// <summary>Runs a handler through the real library inside the test process (instead of a `dotnet` child process), reading
/// its settings from the environment the host gives it, so tests need no build of function projects.</summary>
public sealed class InProcessLauncher(TernHandler handler, AwsStaticCredentials credentials, TimeProvider clock,
    Func<TernFunctionOptions, TernFunctionOptions>? adjust = null) : IFunctionLauncher
{
    public Task<IAsyncDisposable> StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        string? Read(string name) => environment.TryGetValue(name, out var value) ? value : null;
        var options = TernFunctionOptions.FromEnvironment(Read) with
        {
            AwsEnvironment = Read,
            Aws = new AwsConfiguration { Credentials = credentials },
            Clock = clock,
        };
        options = adjust?.Invoke(options) ?? options;
        var stop = new CancellationTokenSource();
        var loop = Task.Run(() => options.RunAsync(handler, stop.Token), CancellationToken.None);
        return Task.FromResult<IAsyncDisposable>(new Running(stop, loop));
    }

    private sealed class Running(CancellationTokenSource stop, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await loop.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException or TimeoutException)
            {
                // Stopped mid-request, as Lambda freezes a process.
            }
            stop.Dispose();
        }
    }
}
