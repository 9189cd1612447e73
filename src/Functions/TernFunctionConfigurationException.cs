namespace Tern.Functions;

/// <summary>A setting of the function is missing or malformed; the message names the variable and the value.</summary>
public sealed class TernFunctionConfigurationException : Exception
{
    public TernFunctionConfigurationException()
    {
    }

    public TernFunctionConfigurationException(string message) : base(message)
    {
    }

    public TernFunctionConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
