namespace Tern.Functions.Runtime;

/// <summary>What the runtime loop runs per event: the body in, the response out, or an exception.</summary>
internal interface IInvocationHandler
{
    Task<string?> HandleAsync(RuntimeInvocation invocation, CancellationToken deadline);
}
