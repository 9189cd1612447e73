using Microsoft.AspNetCore.Http;

namespace Tern.Sandbox.Http;

/// <summary>How a write asks to be handled: dryRun=All, fieldManager, force and fieldValidation.</summary>
internal sealed record WriteOptions(bool DryRun, string Manager, bool Force, FieldValidation Validation)
{
    public static WriteOptions From(HttpRequest request, string defaultManager)
    {
        var query = request.Query;
        var dryRun = query["dryRun"].ToString() switch
        {
            "" => false,
            "All" => true,
            var other => throw new StatusException(400, "BadRequest", $"Invalid dryRun value: {other}: the only valid value is All"),
        };
        var validation = query["fieldValidation"].ToString() switch
        {
            "" or "Warn" => FieldValidation.Warn,
            "Strict" => FieldValidation.Strict,
            "Ignore" => FieldValidation.Ignore,
            var other => throw new StatusException(400, "BadRequest", $"fieldValidation must be one of Ignore, Warn or Strict, not {other}"),
        };
        var manager = query["fieldManager"].ToString() is { Length: > 0 } given ? given : DefaultManager(request, defaultManager);
        if (manager.Length > 128)
        {
            throw new StatusException(422, "Invalid", $"fieldManager: Too long: may not be more than 128 bytes");
        }
        return new WriteOptions(dryRun, manager, query["force"] == "true", validation);
    }

    /// <summary>With no fieldManager, a real server names the manager after the client's User-Agent, up to its first '/'.</summary>
    private static string DefaultManager(HttpRequest request, string fallback)
    {
        var agent = request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        return agent.Length == 0 ? fallback : slash > 0 ? agent[..slash] : agent;
    }
}

/// <summary>What to do with unknown and duplicate fields.</summary>
internal enum FieldValidation
{
    /// <summary>Drop them silently.</summary>
    Ignore,

    /// <summary>Drop them and say so in Warning headers (the default).</summary>
    Warn,

    /// <summary>Refuse the request with 400 BadRequest.</summary>
    Strict,
}
