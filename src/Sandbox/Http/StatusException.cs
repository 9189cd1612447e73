using System.Text.Json.Nodes;

namespace Tern.Sandbox.Http;

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

    /// <summary>The Status' details: name, group, kind and causes (each with reason, message and field).</summary>
    public JsonObject? Details { get; init; }

    /// <summary>Seconds a client should wait before trying again (429), sent as Retry-After.</summary>
    public int? RetryAfterSeconds { get; init; }

    public JsonObject ToStatus() => StatusBody.Failure(Code, Reason, Message, Details);
}
