using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tern.Sandbox.Apply;
using Tern.Sandbox.Kinds;
using Tern.Sandbox.Patching;
using Tern.Sandbox.Storage;

namespace Tern.Sandbox.Http;

/// <summary>The writes: create, replace, the four patch types (JSON, merge, strategic merge, apply) and delete,
/// each through admission (validation, defaults) and field management, and none stored with dryRun=All.</summary>
internal sealed partial class ResourceApi
{
    private const string ApplyPatch = "application/apply-patch+yaml";

    private async Task CreateAsync(HttpContext context, Route route)
    {
        var options = WriteOptions.From(context.Request, "unknown");
        var (body, duplicates) = await ApiContext.ReadObjectAsync(context.Request).ConfigureAwait(false);
        var warnings = new List<string>();
        var created = store.Create(route.Kind, route.Namespace ?? "", body, Admit(route, options, duplicates, warnings, record: true),
            options.DryRun);
        AfterWrite(route.Kind, created, options.DryRun);
        await ApiContext.RespondAsync(context, 201, created, warnings).ConfigureAwait(false);
    }

    private async Task ReplaceAsync(HttpContext context, Route route)
    {
        var options = WriteOptions.From(context.Request, "unknown");
        InjectedConflict();
        var (body, duplicates) = await ApiContext.ReadObjectAsync(context.Request).ConfigureAwait(false);
        var warnings = new List<string>();
        var replaced = store.Update(route.Kind, route.Namespace ?? "", route.Name!, stored =>
        {
            var requested = body["metadata"]?["resourceVersion"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(requested) && requested != stored["metadata"]!["resourceVersion"]!.GetValue<string>())
            {
                throw Modified(route);
            }
            return body;
        }, route.Status, Admit(route, options, duplicates, warnings, record: true), options.DryRun);
        AfterWrite(route.Kind, replaced, options.DryRun);
        await ApiContext.RespondAsync(context, 200, replaced, warnings).ConfigureAwait(false);
    }

    private async Task PatchAsync(HttpContext context, Route route)
    {
        var contentType = (context.Request.ContentType ?? "").Split(';')[0].Trim();
        var options = WriteOptions.From(context.Request, "unknown");
        InjectedConflict();
        var warnings = new List<string>();
        var ns = route.Namespace ?? "";
        JsonObject result;
        var code = 200;
        if (contentType == ApplyPatch)
        {
            (code, result) = await ApplyAsync(context, route, options, warnings).ConfigureAwait(false);
        }
        else
        {
            var decoded = await ApiContext.ReadBodyAsync(context.Request, yamlAllowed: false).ConfigureAwait(false);
            Func<JsonObject, JsonObject> change = contentType switch
            {
                "application/json-patch+json" when decoded.Value is JsonArray operations => current => JsonPatch(current, operations),
                "application/merge-patch+json" when decoded.Value is JsonObject patch => current => (JsonObject)JsonPatching.Merge(current, patch)!,
                "application/strategic-merge-patch+json" when decoded.Value is JsonObject patch =>
                    current => StrategicMergePatch.Apply(current, patch, SchemaCursor.For(route.Kind)),
                "application/json-patch+json" or "application/merge-patch+json" or "application/strategic-merge-patch+json" =>
                    throw new StatusException(400, "BadRequest", $"the body of a {contentType} patch has the wrong shape"),
                _ => throw new StatusException(415, "UnsupportedMediaType", $"the patch content type must be one of application/json-patch+json, " +
                    $"application/merge-patch+json, application/strategic-merge-patch+json or {ApplyPatch}, not '{contentType}'"),
            };
            result = store.Update(route.Kind, ns, route.Name!, change, route.Status,
                Admit(route, options, decoded.DuplicateFields, warnings, record: true), options.DryRun);
        }
        AfterWrite(route.Kind, result, options.DryRun);
        await ApiContext.RespondAsync(context, code, result, warnings).ConfigureAwait(false);
    }

    /// <summary>Server-side apply: the object is created when missing, else the configuration is merged in by
    /// <see cref="FieldManager.Apply"/>, which may refuse it with a conflict.</summary>
    private async Task<(int Code, JsonObject Result)> ApplyAsync(HttpContext context, Route route, WriteOptions options, List<string> warnings)
    {
        if (string.IsNullOrEmpty(context.Request.Query["fieldManager"]))
        {
            throw new StatusException(400, "BadRequest",
                "PATCH requests with apply-patch content need a fieldManager: add ?fieldManager=NAME (kubectl sets it).");
        }
        var (applied, duplicates) = await ApiContext.ReadObjectAsync(context.Request, yamlAllowed: true).ConfigureAwait(false);
        var kind = route.Kind;
        if (applied["apiVersion"]?.GetValue<string>() != kind.ApiVersion || applied["kind"]?.GetValue<string>() != kind.Kind)
        {
            throw new StatusException(400, "BadRequest",
                $"the applied object must have apiVersion {kind.ApiVersion} and kind {kind.Kind}, as its URL says, " +
                $"not {applied["apiVersion"]} {applied["kind"]}");
        }
        if (applied["metadata"]?["name"]?.GetValue<string>() is { } name && name != route.Name)
        {
            throw new StatusException(400, "BadRequest", $"the name in the body ({name}) does not match the name in the URL ({route.Name})");
        }
        var ns = route.Namespace ?? "";
        var admit = Admit(route, options, duplicates, warnings, record: false);
        if (store.TryGet(kind, ns, route.Name!) is null)
        {
            var created = fields.Apply(kind, null, applied, options.Manager, options.Force, route.Status);
            created["metadata"]!["name"] = route.Name;
            return (201, store.Create(kind, ns, created, admit, options.DryRun));
        }
        return (200, store.Update(kind, ns, route.Name!, current => fields.Apply(kind, current, applied, options.Manager, options.Force,
            route.Status),
            route.Status, admit, options.DryRun));
    }

    private async Task DeleteAsync(HttpContext context, Route route)
    {
        var options = WriteOptions.From(context.Request, "unknown");
        var deleted = store.Delete(route.Kind, route.Namespace ?? "", route.Name!, options.DryRun);
        if (!options.DryRun && route.Kind.Kind == "CustomResourceDefinition" && store.TryGet(route.Kind, "", route.Name!) is null)
        {
            kinds.Unregister(deleted);
        }
        await ApiContext.RespondAsync(context, 200, deleted).ConfigureAwait(false);
    }

    /// <summary>The admission of a write: validation unless a fault skips it, and, for updates, field ownership.</summary>
    private Admission Admit(Route route, WriteOptions options, IReadOnlyList<string> duplicates, List<string> warnings, bool record)
    {
        var skip = faults.TakeSkipValidation();
        return (stored, proposed) =>
        {
            var admitted = skip ? proposed : admission.Admit(route.Kind, stored, proposed, options.Validation, duplicates, warnings);
            if (route.Kind.Resource == "namespaces" && stored is null)
            {
                admitted["status"] = new JsonObject { ["phase"] = "Active" };
            }
            if (route.Kind.Kind == "CustomResourceDefinition" && !route.Status)
            {
                CrdReader.Kinds(admitted);
                CrdReader.WithStatus(admitted, clock);
            }
            if (record)
            {
                fields.RecordUpdate(route.Kind, stored, admitted, options.Manager, route.Status);
            }
            return admitted;
        };
    }

    private void AfterWrite(ResourceKind kind, JsonObject written, bool dryRun)
    {
        if (!dryRun && kind.Kind == "CustomResourceDefinition" && written["metadata"]?["deletionTimestamp"] is null)
        {
            kinds.Register(written);
        }
    }

    private void InjectedConflict()
    {
        if (faults.TakeConflict())
        {
            throw new StatusException(409, "Conflict",
                "injected conflict: the object has been modified; please apply your changes to the latest version and try again");
        }
    }

    private static JsonObject JsonPatch(JsonObject current, JsonArray operations)
    {
        try
        {
            return JsonPatching.Apply(current, operations) as JsonObject ?? throw new StatusException(422, "Invalid",
                "a JSON patch must leave an object");
        }
        catch (PatchTestFailedException e)
        {
            throw new StatusException(409, "Conflict", e.Message);
        }
    }

    private static StatusException Modified(Route route) => new(409, "Conflict",
        $"Operation cannot be fulfilled on {route.Kind.Resource} \"{route.Name}\": the object has been modified; " +
        "please apply your changes to the latest version and try again")
    {
        Details = new JsonObject { ["name"] = route.Name, ["group"] = route.Kind.Group, ["kind"] = route.Kind.Plural },
    };
}
