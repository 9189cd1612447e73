using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tern.Sandbox.Discovery;
using Tern.Sandbox.Kinds;
using Tern.Sandbox.OpenApi;

namespace Tern.Sandbox.Http;

/// <summary>Every request's way in: injected faults first, then the version, health, discovery and OpenAPI
/// documents, then the resources; errors become Status objects with their code.</summary>
internal sealed class RequestHandler(KindRegistry kinds, ResourceApi resources, Faults faults, Func<string> serverAddress)
{
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Requests => _requests;

    public async Task HandleAsync(HttpContext context)
    {
        _requests.AddOrUpdate(context.Request.Method, 1, (_, n) => n + 1);
        try
        {
            if (faults.Delay > TimeSpan.Zero)
            {
                await Task.Delay(faults.Delay, context.RequestAborted).ConfigureAwait(false);
            }
            var failure = await faults.BeforeRequestAsync(context.Request.Method, context.Request.Headers.UserAgent, context.RequestAborted)
                .ConfigureAwait(false);
            if (failure is { Reset: true })
            {
                context.Abort();
                return;
            }
            if (failure is not null)
            {
                throw new StatusException(failure.Code, failure.Reason, failure.Message)
                {
                    RetryAfterSeconds = failure.RetryAfterSeconds,
                    Details = failure.RetryAfterSeconds is { } seconds ? new JsonObject { ["retryAfterSeconds"] = seconds } : null,
                };
            }
            if (faults.TakeError())
            {
                throw new StatusException(500, "InternalError", "injected failure");
            }
            var path = context.Request.Path.Value ?? "/";
            if (Document(path, Accept.Parse(context.Request.Headers.Accept)) is { } document)
            {
                await ApiContext.RespondAsync(context, 200, document.Body, contentType: document.ContentType).ConfigureAwait(false);
                return;
            }
            var route = Route.Parse(path, kinds.Find) ?? throw new StatusException(404, "NotFound",
                $"the server could not find the requested resource ({path})");
            await resources.ServeAsync(context, route).ConfigureAwait(false);
        }
        catch (StatusException e) when (!context.Response.HasStarted)
        {
            if (e.RetryAfterSeconds is { } retry)
            {
                context.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
            }
            await ApiContext.RespondAsync(context, e.Code, e.ToStatus()).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted
            && e is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            await ApiContext.RespondAsync(context, 422, StatusBody.Failure(422, "Invalid", e.Message)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private (JsonObject Body, string ContentType)? Document(string path, Accept accept)
    {
        const string Json = "application/json";
        var all = kinds.All();
        var parts = path.Trim('/').Split('/');
        return parts switch
        {
            ["version"] => (new JsonObject
            {
                ["major"] = "1", ["minor"] = "36", ["gitVersion"] = "v1.36.0-tern-sandbox", ["platform"] = "linux/amd64",
                ["goVersion"] = "none (the Tern loopback sandbox)", ["compiler"] = "none",
            }, Json),
            ["healthz"] or ["livez"] or ["readyz"] => (new JsonObject { ["status"] = "ok" }, Json),
            ["api"] when accept.AggregatedDiscovery is { } v => (DiscoveryDocuments.Aggregated(all, core: true, v), Aggregated(v)),
            ["api"] => (DiscoveryDocuments.ApiVersions(serverAddress()), Json),
            ["apis"] when accept.AggregatedDiscovery is { } v => (DiscoveryDocuments.Aggregated(all, core: false, v), Aggregated(v)),
            ["apis"] => (DiscoveryDocuments.GroupList(all), Json),
            ["api", var version] => Found(DiscoveryDocuments.ResourceList("", version, all)),
            ["apis", var group] => Found(DiscoveryDocuments.Group(group, all)),
            ["apis", var group, var version] => Found(DiscoveryDocuments.ResourceList(group, version, all)),
            ["openapi", "v2"] when !accept.JsonAcceptable => throw new StatusException(406, "NotAcceptable",
                "the sandbox serves OpenAPI v2 as JSON only"),
            ["openapi", "v2"] => (OpenApiDocuments.V2(all), Json),
            ["openapi", "v3"] => (OpenApiDocuments.V3Index(all), Json),
            ["openapi", "v3", "api", var version] => Found(OpenApiDocuments.V3(all, "", version)),
            ["openapi", "v3", "apis", var group, var version] => Found(OpenApiDocuments.V3(all, group, version)),
            _ => null,
        };
    }

    private static (JsonObject, string) Found(JsonObject? document) =>
        document is null ? throw new StatusException(404, "NotFound", "the server could not find the requested resource") : (document,
            "application/json");

    private static string Aggregated(string version) => $"application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList";
}
