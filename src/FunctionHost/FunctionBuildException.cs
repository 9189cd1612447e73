namespace Tern.FunctionHost;

/// <summary>A function project could not be built or run; the message says what to fix.</summary>
public sealed class FunctionBuildException : Exception
{
    public FunctionBuildException()
    {
    }

    public FunctionBuildException(string message) : base(message)
    {
    }

    public FunctionBuildException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
