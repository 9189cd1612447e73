namespace Tern.Operator.Runtime;

/// <summary>A failure that retrying cannot fix (for example an invalid spec): the key is not requeued
/// until the object changes.</summary>
internal sealed class TerminalReconcileException : Exception
{
    public TerminalReconcileException()
    {
    }

    public TerminalReconcileException(string message) : base(message)
    {
    }

    public TerminalReconcileException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
