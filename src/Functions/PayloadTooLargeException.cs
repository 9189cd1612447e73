namespace Tern.Functions;

/// <summary>A payload does not fit where it must go: Lambda's asynchronous invocation limit or DynamoDB's item limit
/// at a join. The message gives the size, the limit and what to do instead.</summary>
public sealed class PayloadTooLargeException : Exception
{
    public PayloadTooLargeException()
    {
    }

    public PayloadTooLargeException(string message) : base(message)
    {
    }

    public PayloadTooLargeException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
