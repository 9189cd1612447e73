namespace Tern.Operator.Runtime;

/// <summary>The API server refuses the operator access to its Lease (401 or 403): retrying cannot help, so
/// leader election stops and `tern run` says which permission is missing.</summary>
internal sealed class LeaseAccessException : Exception
{
    public LeaseAccessException()
    {
    }

    public LeaseAccessException(string message) : base(message)
    {
    }

    public LeaseAccessException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
