namespace Tern.Planning.Workflows;

/// <summary>A workflow that cannot be turned into a planning problem; the message says which part and why.</summary>
public sealed class WorkflowMappingException : Exception
{
    public WorkflowMappingException()
    {
    }

    public WorkflowMappingException(string message) : base(message)
    {
    }

    public WorkflowMappingException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
