namespace Tern.Functions.Tests.Support;

/// <summary>Handlers the tests compose workflows from.</summary>
internal static class Handlers
{
    /// <summary>Calls each function in turn with the payload it got.</summary>
    public static TernHandler Calls(params string[] functions) => async (payload, router, ct) =>
    {
        foreach (var function in functions)
        {
            await router.InvokeAsync(function, payload, ct);
        }
        return "{}";
    };

    /// <summary>Calls each function with {"from": instance}.</summary>
    public static TernHandler Tells(params string[] functions) => async (_, router, ct) =>
    {
        foreach (var function in functions)
        {
            await router.InvokeAsync(function, $$"""{"from":"{{router.Instance}}"}""", ct);
        }
        return "{}";
    };

    /// <summary>Calls nothing.</summary>
    public static TernHandler Done { get; } = (_, _, _) => Task.FromResult<string?>("{}");
}
