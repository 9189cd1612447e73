namespace Tern.Sandbox;

/// <summary>An API error with its HTTP code and Kubernetes reason, turned into a Status body.</summary>
internal sealed class StatusException : Exception
{
    public StatusException()
    {
    }

    public StatusException(string message) : base(message)
    {
    }

    public StatusException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public StatusException(int code, string reason, string message) : base(message)
    {
        Code = code;
        Reason = reason;
    }

    public int Code { get; } = 500;

    public string Reason { get; } = "InternalError";
}
