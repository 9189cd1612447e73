namespace Tern.Functions;

/// <summary>A call cannot be routed: the function is not a declared successor, it was called more often than the
/// workflow declares, the run exceeded the hop limit, or no placement has been published yet.</summary>
public sealed class WorkflowRoutingException : Exception
{
    public WorkflowRoutingException()
    {
    }

    public WorkflowRoutingException(string message) : base(message)
    {
    }

    public WorkflowRoutingException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
