namespace Tern.Functions;

/// <summary>What a handler uses to call the next functions of its workflow. A call goes, as an asynchronous Lambda
/// invocation, to the copy the published placement names for the current hour; to the home copy when the placement has
/// expired, when this run was picked to stay home, or when the planned copy is missing. A successor the workflow
/// declares but the handler does not call is a conditional non-call: joins after it are told not to wait for it.</summary>
/// <example>
/// <code>
/// await options.RunAsync(async (payload, router, ct) =>
/// {
///     await router.InvokeAsync("resize", payload, ct);
///     if (payload.Contains("notify")) await router.InvokeAsync("notify", payload, ct);
///     return "{}";
/// });
/// </code>
/// </example>
public interface IWorkflowRouter
{
    /// <summary>The run (one invocation of the whole workflow) this execution belongs to.</summary>
    string RunId { get; }

    /// <summary>The instance running: the function's name, or function#n when the workflow calls it from several places.</summary>
    string Instance { get; }

    /// <summary>Calls <paramref name="function"/> with <paramref name="payload"/> (JSON). The n-th call of a function goes
    /// to the n-th instance of it that the workflow declares after this one.</summary>
    /// <exception cref="WorkflowRoutingException">The function is not a successor, or is called more often than declared.</exception>
    /// <exception cref="PayloadTooLargeException">The payload exceeds Lambda's 256 KB asynchronous limit, or a join's 400 KB.</exception>
    /// <exception cref="ArgumentException">The payload is not JSON.</exception>
    Task InvokeAsync(string function, string payload, CancellationToken ct = default);
}
