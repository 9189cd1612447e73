using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using YamlDotNet.RepresentationModel;

namespace Tern.Sandbox;

/// <summary>A small Kubernetes API server on 127.0.0.1 for tests and the local sandbox. It speaks the HTTP
/// API the operator uses (see README.md beside this file for what it does and does not do) and can inject
/// faults. It is a test fixture, not a Kubernetes replacement.</summary>
public sealed class LoopbackApiServer : IAsyncDisposable
{
    private readonly ObjectStore _store;
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceKind> _kinds = [];
    private readonly object _kindsGate = new();
    private WebApplication? _app;

    public LoopbackApiServer(TimeProvider? clock = null)
    {
        _store = new ObjectStore(clock ?? TimeProvider.System);
        foreach (var kind in ResourceKinds.BuiltIn)
        {
            _kinds[(kind.Group, kind.Version, kind.Plural)] = kind;
        }
    }

    /// <summary>Failures to inject.</summary>
    public Faults Faults { get; } = new();

    /// <summary>How often open watches get a bookmark.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests served so far, by HTTP method (to check that nothing is written twice).</summary>
    public IReadOnlyDictionary<string, int> Requests => _requests;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _requests = new();

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        _app = app;
        BaseUri = new Uri(app.Urls.First());
    }

    /// <summary>Registers the kinds a CRD manifest defines, as creating the CRD on a real server does.</summary>
    public void RegisterCrd(JsonObject crd)
    {
        var spec = crd["spec"]!;
        var scope = spec["scope"]!.GetValue<string>();
        foreach (var version in spec["versions"]!.AsArray())
        {
            var kind = new ResourceKind(spec["group"]!.GetValue<string>(), version!["name"]!.GetValue<string>(), spec["names"]!["plural"]!.GetValue<string>(),
                spec["names"]!["kind"]!.GetValue<string>(), scope == "Namespaced", version["subresources"]?["status"] is not null, HasGeneration: true);
            lock (_kindsGate)
            {
                _kinds[(kind.Group, kind.Version, kind.Plural)] = kind;
            }
        }
    }

    /// <summary>Registers every CRD in the YAML files of <paramref name="directory"/> (config/crds).</summary>
    public void RegisterCrds(string directory)
    {
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal)))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            RegisterCrd((JsonObject)YamlToJson(stream.Documents[0].RootNode)!);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        _requests.AddOrUpdate(context.Request.Method, 1, (_, n) => n + 1);
        if (Faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(Faults.Delay, context.RequestAborted).ConfigureAwait(false);
        }
        var failure = await Faults.BeforeRequestAsync(context.Request.Method, context.Request.Headers.UserAgent, context.RequestAborted)
            .ConfigureAwait(false);
        if (failure is not null)
        {
            await FailAsync(context, failure).ConfigureAwait(false);
            return;
        }
        try
        {
            if (Faults.TakeError())
            {
                throw new StatusException(500, "InternalError", "injected failure");
            }
            var route = Route.Parse(context.Request.Path.Value ?? "/", Kind);
            if (route is null)
            {
                await Respond(context, context.Request.Path == "/version" ? 200 : 404,
                    context.Request.Path == "/version" ? new JsonObject { ["major"] = "1", ["minor"] = "36", ["gitVersion"] = "v1.36.0-tern-loopback" } : Status(404, "NotFound", "no such path")).ConfigureAwait(false);
                return;
            }
            await DispatchAsync(context, route).ConfigureAwait(false);
        }
        catch (StatusException e)
        {
            await Respond(context, e.Code, Status(e.Code, e.Reason, e.Message)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException or InvalidOperationException)
        {
            await Respond(context, 422, Status(422, "Invalid", e.Message)).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(HttpContext context, Route route)
    {
        var request = context.Request;
        var ns = route.Namespace ?? "";
        switch (request.Method)
        {
            case "GET" when route.Name is null && request.Query["watch"] == "true":
                await WatchAsync(context, route).ConfigureAwait(false);
                return;
            case "GET" when route.Name is null:
                var (all, version) = _store.List(route.Kind, route.Kind.Namespaced ? route.Namespace : null);
                var (items, next) = ListPaging.Page(all, request.Query["limit"], request.Query["continue"]);
                var listMetadata = new JsonObject { ["resourceVersion"] = version };
                if (next is not null)
                {
                    listMetadata["continue"] = next;
                }
                await Respond(context, 200, new JsonObject
                {
                    ["apiVersion"] = route.Kind.ApiVersion,
                    ["kind"] = route.Kind.Kind + "List",
                    ["metadata"] = listMetadata,
                    ["items"] = new JsonArray([.. items]),
                }).ConfigureAwait(false);
                return;
            case "GET":
                await Respond(context, 200, _store.Get(route.Kind, ns, route.Name)).ConfigureAwait(false);
                return;
            case "POST":
                var created = _store.Create(route.Kind, ns, await Body(request).ConfigureAwait(false));
                if (route.Kind.Kind == "CustomResourceDefinition")
                {
                    RegisterCrd(created);
                }
                await Respond(context, 201, created).ConfigureAwait(false);
                return;
            case "PUT":
                WriteFault();
                await Respond(context, 200, _store.Replace(route.Kind, ns, route.Name!, await Body(request).ConfigureAwait(false), route.Status)).ConfigureAwait(false);
                return;
            case "PATCH":
                WriteFault();
                var patch = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync().ConfigureAwait(false))!;
                var jsonPatch = request.ContentType?.StartsWith("application/json-patch+json", StringComparison.Ordinal) == true;
                var patched = _store.Patch(route.Kind, ns, route.Name!, current =>
                {
                    try
                    {
                        return (JsonObject)(jsonPatch ? JsonPatching.Apply(current, patch.AsArray()) : JsonPatching.Merge(current, patch)!);
                    }
                    catch (PatchTestFailedException e)
                    {
                        throw new StatusException(409, "Conflict", e.Message);
                    }
                }, route.Status);
                await Respond(context, 200, patched).ConfigureAwait(false);
                return;
            case "DELETE":
                await Respond(context, 200, _store.Delete(route.Kind, ns, route.Name!)).ConfigureAwait(false);
                return;
            default:
                throw new StatusException(405, "MethodNotAllowed", $"{request.Method} is not supported");
        }
    }

    private void WriteFault()
    {
        if (Faults.TakeConflict())
        {
            throw new StatusException(409, "Conflict", "injected conflict: the object has been modified; please apply your changes to the latest version and try again");
        }
    }

    private static async Task FailAsync(HttpContext context, InjectedFailure failure)
    {
        if (failure.Reset)
        {
            context.Abort();
            return;
        }
        if (failure.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        await Respond(context, failure.Code, Status(failure.Code, failure.Reason, failure.Message)).ConfigureAwait(false);
    }

    private async Task WatchAsync(HttpContext context, Route route)
    {
        var query = context.Request.Query;
        var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(30);
        var bookmarks = query["allowWatchBookmarks"] == "true";
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var subscription = Faults.TakeExpiry() ? null : _store.Watch(route.Kind, route.Kind.Namespaced ? route.Namespace : null, query["resourceVersion"]);
        if (subscription is not { } watch)
        {
            await WriteEvent(context, "ERROR", Status(410, "Expired", $"too old resource version: {query["resourceVersion"]}")).ConfigureAwait(false);
            return;
        }
        using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        end.CancelAfter(timeout);
        void Drop() => end.Cancel();
        Faults.WatchesDropped += Drop;
        try
        {
            while (!end.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(end.Token);
                tick.CancelAfter(BookmarkInterval);
                try
                {
                    var change = await watch.Reader.ReadAsync(tick.Token).ConfigureAwait(false);
                    await WriteEvent(context, change.Type, change.Object).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!end.IsCancellationRequested && bookmarks)
                {
                    await WriteEvent(context, "BOOKMARK", new JsonObject
                    {
                        ["apiVersion"] = route.Kind.ApiVersion,
                        ["kind"] = route.Kind.Kind,
                        ["metadata"] = new JsonObject { ["resourceVersion"] = _store.ResourceVersion },
                    }).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!end.IsCancellationRequested)
                {
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Faults.WatchesDropped -= Drop;
            watch.Unsubscribe();
        }
    }

    private static async Task WriteEvent(HttpContext context, string type, JsonObject value)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = value.DeepClone() }.ToJsonString() + "\n";
        await context.Response.WriteAsync(line, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private ResourceKind? Kind(string group, string version, string plural)
    {
        lock (_kindsGate)
        {
            return _kinds.GetValueOrDefault((group, version, plural));
        }
    }

    private static async Task<JsonObject> Body(HttpRequest request) =>
        JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync().ConfigureAwait(false)) as JsonObject
            ?? throw new StatusException(400, "BadRequest", "the body must be a JSON object");

    private static async Task Respond(HttpContext context, int code, JsonObject body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    private static JsonNode? YamlToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, YamlToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(YamlToJson)]),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        Faults.EndOutage();
        Faults.DropWatches();
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
