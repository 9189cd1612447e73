namespace Tern.Operator.Platform;

/// <summary>The function platform could not do what was asked (the cloud refused the call, could not be reached, or
/// throttled it past the retries). The message says what failed and how to fix it; it never holds a credential.</summary>
internal class FunctionPlatformException : Exception
{
    public FunctionPlatformException()
    {
    }

    public FunctionPlatformException(string message) : base(message)
    {
    }

    public FunctionPlatformException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
