using System.Text.Json.Nodes;

namespace Tern.Sandbox.Http;

/// <summary>meta/v1 Status objects, as a real API server sends them for errors and deletions.</summary>
internal static class StatusBody
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details.DeepClone();
        }
        status["code"] = code;
        return status;
    }

    public static JsonObject Success(string name, string group, string plural, string uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = plural, ["uid"] = uid },
    };
}
