namespace Tern.Operator.Platform;

/// <summary>A placement was not published because a copy it routes to is missing or not Active: nothing may be
/// routed to a region where the function cannot run.</summary>
internal sealed class PlacementRefusedException : FunctionPlatformException
{
    public PlacementRefusedException()
    {
    }

    public PlacementRefusedException(string message) : base(message)
    {
    }

    public PlacementRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
