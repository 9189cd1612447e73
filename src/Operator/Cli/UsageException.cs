namespace Tern.Operator.Cli;

/// <summary>A command line that cannot be run as given (exit 2): a missing argument, a path that does not exist, a
/// value in the wrong form. The message says what was wrong and how to write it.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message) : base(message)
    {
    }

    public UsageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
