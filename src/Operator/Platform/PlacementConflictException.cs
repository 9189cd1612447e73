namespace Tern.Operator.Platform;

/// <summary>Another writer (an operator instance during a hand-over) changed the published placement between this
/// writer's read and its write; the write was not applied. Reading again and retrying resolves it.</summary>
internal sealed class PlacementConflictException : Exception
{
    public PlacementConflictException()
    {
    }

    public PlacementConflictException(string message) : base(message)
    {
    }

    public PlacementConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
