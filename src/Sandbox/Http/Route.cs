using Tern.Sandbox.Kinds;

namespace Tern.Sandbox.Http;

/// <summary>A request path taken apart: kind, namespace, name and whether it addresses /status.</summary>
internal sealed record Route(ResourceKind Kind, string? Namespace, string? Name, bool Status)
{
    /// <summary>Parses /api/v1/... and /apis/{group}/{version}/..., with or without namespaces/{ns}; null when unknown.</summary>
    public static Route? Parse(string path, Func<string, string, string, ResourceKind?> kinds)
    {
        var parts = path.Trim('/').Split('/');
        int at;
        string group, version;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            (group, version, at) = ("", parts[1], 2);
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            (group, version, at) = (parts[1], parts[2], 3);
        }
        else
        {
            return null;
        }
        string? ns = null;
        // "namespaces/{ns}/{plural}" addresses a namespaced kind; "namespaces", "namespaces/{name}" and
        // "namespaces/{name}/status" the Namespace kind.
        if (parts.Length > at + 2 && parts[at] == "namespaces" && !(parts.Length == at + 3 && parts[at + 2] == "status"))
        {
            ns = parts[at + 1];
            at += 2;
        }
        if (parts.Length <= at || parts.Length > at + 3 || kinds(group, version, parts[at]) is not { } kind)
        {
            return null;
        }
        if (ns is not null && !kind.Namespaced)
        {
            return null;
        }
        var name = parts.Length > at + 1 ? parts[at + 1] : null;
        var status = parts.Length > at + 2 && parts[at + 2] == "status";
        if (parts.Length > at + 2 && !status || status && !kind.HasStatus)
        {
            return null;
        }
        return new Route(kind, ns, name, status);
    }
}
