using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tern.Sandbox.Apply;
using Tern.Sandbox.Kinds;
using Tern.Sandbox.Selectors;
using Tern.Sandbox.Storage;
using Tern.Sandbox.Tables;
using Tern.Sandbox.Validation;
using Tern.Sandbox.Watch;

namespace Tern.Sandbox.Http;

/// <summary>The resource endpoints: get, list (selectors, paging, Tables) and watch here; create, replace,
/// patch, apply and delete in ResourceApi.Writes.cs.</summary>
internal sealed partial class ResourceApi(ObjectStore store, KindRegistry kinds, ObjectAdmission admission, FieldManager fields, Faults faults,
    WatchStream watches, TimeProvider clock)
{
    public async Task ServeAsync(HttpContext context, Route route)
    {
        var request = context.Request;
        var accept = Accept.Parse(request.Headers.Accept);
        if (!accept.JsonAcceptable)
        {
            throw new StatusException(406, "NotAcceptable", $"only application/json is served, not {request.Headers.Accept}");
        }
        switch (request.Method)
        {
            case "GET" when route.Name is null && request.Query["watch"].ToString() is "true" or "1":
                await watches.ServeAsync(context, route.Kind, Scope(route), Filter(request, route.Kind), accept.Table,
                    IncludeObject(request)).ConfigureAwait(false);
                return;
            case "GET" when route.Name is null:
                await ListAsync(context, route, accept).ConfigureAwait(false);
                return;
            case "GET":
                var value = store.Get(route.Kind, route.Namespace ?? "", route.Name);
                await ApiContext.RespondAsync(context, 200, accept.Table
                    ? TableBuilder.Build(route.Kind, [value], value["metadata"]!["resourceVersion"]!.GetValue<string>(), IncludeObject(request),
                        clock.GetUtcNow())
                    : value).ConfigureAwait(false);
                return;
            case "POST" when route.Name is null:
                await CreateAsync(context, route).ConfigureAwait(false);
                return;
            case "PUT" when route.Name is not null:
                await ReplaceAsync(context, route).ConfigureAwait(false);
                return;
            case "PATCH" when route.Name is not null:
                await PatchAsync(context, route).ConfigureAwait(false);
                return;
            case "DELETE" when route.Name is not null:
                await DeleteAsync(context, route).ConfigureAwait(false);
                return;
            default:
                throw new StatusException(405, "MethodNotAllowed", $"{request.Method} is not supported on {request.Path}");
        }
    }

    private async Task ListAsync(HttpContext context, Route route, Accept accept)
    {
        var request = context.Request;
        var (items, resourceVersion) = store.List(route.Kind, Scope(route), Filter(request, route.Kind));
        var (page, next) = Page(items, request.Query["limit"], request.Query["continue"]);
        JsonObject body;
        if (accept.Table)
        {
            body = TableBuilder.Build(route.Kind, page, resourceVersion, IncludeObject(request), clock.GetUtcNow());
        }
        else
        {
            body = new JsonObject
            {
                ["apiVersion"] = route.Kind.ApiVersion,
                ["kind"] = route.Kind.ListKind,
                ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
                ["items"] = new JsonArray([.. page]),
            };
        }
        if (next is not null)
        {
            body["metadata"]!["continue"] = next;
        }
        await ApiContext.RespondAsync(context, 200, body).ConfigureAwait(false);
    }

    /// <summary>One page of <paramref name="items"/> (sorted by namespace and name) after the continue token, and the next token.</summary>
    private static (IReadOnlyList<JsonObject> Page, string? Continue) Page(IReadOnlyList<JsonObject> items, string? limitText, string? token)
    {
        static string Key(JsonObject o) => $"{o["metadata"]?["namespace"]?.GetValue<string>()}/{o["metadata"]?["name"]?.GetValue<string>()}";
        var start = 0;
        if (!string.IsNullOrEmpty(token))
        {
            string after;
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            }
            catch (FormatException)
            {
                throw new StatusException(400, "BadRequest", "the continue token is not valid: list again without it");
            }
            start = items.TakeWhile(o => string.CompareOrdinal(Key(o), after) <= 0).Count();
        }
        if (!int.TryParse(limitText, out var limit) || limit <= 0 || start + limit >= items.Count)
        {
            return (items.Skip(start).ToList(), null);
        }
        var page = items.Skip(start).Take(limit).ToList();
        return (page, Convert.ToBase64String(Encoding.UTF8.GetBytes(Key(page[^1]))));
    }

    private static Func<JsonObject, bool> Filter(HttpRequest request, ResourceKind kind)
    {
        var labels = LabelSelector.Parse(request.Query["labelSelector"]);
        var fieldSelector = FieldSelector.Parse(request.Query["fieldSelector"], kind);
        return value => labels.Matches(value) && fieldSelector.Matches(value);
    }

    private static string IncludeObject(HttpRequest request)
        => request.Query["includeObject"].ToString() is { Length: > 0 } given ? given : "Metadata";

    /// <summary>The namespace a collection request covers: its own for a namespaced kind, all (null) otherwise.</summary>
    private static string? Scope(Route route) => route.Kind.Namespaced ? route.Namespace : null;
}
