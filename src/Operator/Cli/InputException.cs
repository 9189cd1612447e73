namespace Tern.Operator.Cli;

/// <summary>An input file or value of a command that cannot be used (exit 1); the message says which and what to do.</summary>
internal sealed class InputException : Exception
{
    public InputException()
    {
    }

    public InputException(string message) : base(message)
    {
    }

    public InputException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
