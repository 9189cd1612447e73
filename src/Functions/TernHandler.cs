namespace Tern.Functions;

/// <summary>A function's code: gets the payload (JSON; a join gets a JSON array of its predecessors' payloads), calls
/// successors through the router, returns the response (JSON, or null). <paramref name="ct"/> fires at Lambda's
/// deadline.</summary>
public delegate Task<string?> TernHandler(string payload, IWorkflowRouter router, CancellationToken ct);
