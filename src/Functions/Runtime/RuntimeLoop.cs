namespace Tern.Functions.Runtime;

/// <summary>The custom runtime's loop: next event, run it with a token that fires at its deadline, post the response
/// or the error, repeat until stopped. An exception never ends the loop: Lambda would otherwise restart the process
/// and bill a cold start for each failed event.</summary>
internal sealed class RuntimeLoop(RuntimeApiClient api, IInvocationHandler handler, TimeProvider clock)
{
    /// <summary>The errorType posted when an execution ran past its deadline.</summary>
    public const string TimeoutErrorType = "Function.Timeout";

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            RuntimeInvocation invocation;
            try
            {
                invocation = await api.NextAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            await RunOneAsync(invocation, stop).ConfigureAwait(false);
        }
    }

    private async Task RunOneAsync(RuntimeInvocation invocation, CancellationToken stop)
    {
        var remaining = invocation.Deadline - clock.GetUtcNow();
        using var deadline = remaining < TimeSpan.FromDays(1)
            ? new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, clock)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stop);
        try
        {
            var response = await handler.HandleAsync(invocation, linked.Token).ConfigureAwait(false);
            await api.RespondAsync(invocation.RequestId, response, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            await api.ErrorAsync(invocation.RequestId, TimeoutErrorType,
                $"The function ran past its deadline ({invocation.Deadline:O}); raise timeoutSeconds or make it faster.", stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            await api.ErrorAsync(invocation.RequestId, e.GetType().Name, e.Message, stop).ConfigureAwait(false);
        }
    }
}
