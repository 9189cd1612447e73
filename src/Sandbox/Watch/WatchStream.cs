using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tern.Sandbox.Http;
using Tern.Sandbox.Kinds;
using Tern.Sandbox.Storage;
using Tern.Sandbox.Tables;

namespace Tern.Sandbox.Watch;

/// <summary>A watch as clients use it: from a resourceVersion (or, with none or "0", the current objects as
/// ADDED first), or with sendInitialEvents=true (the current objects, then a bookmark marked
/// <c>k8s.io/initial-events-end</c>); label and field selectors; a bookmark after every quiet interval when asked
/// for; timeoutSeconds; each object as a one-row Table when the client asked for Tables (`kubectl get -w`).</summary>
internal sealed class WatchStream(ObjectStore store, Faults faults, TimeSpan bookmarkInterval, TimeProvider clock)
{
    public async Task ServeAsync(HttpContext context, ResourceKind kind, string? ns, Func<JsonObject, bool> matches, bool table, string includeObject)
    {
        var query = context.Request.Query;
        var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture,
            out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(30);
        var bookmarks = query["allowWatchBookmarks"] == "true";
        var initialEvents = query["sendInitialEvents"] == "true";
        var from = initialEvents ? "0" : query["resourceVersion"].ToString();
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var subscription = faults.TakeExpiry(context.Request.Headers.UserAgent) ? null : store.Watch(kind, ns, from);
        if (subscription is not { } watch)
        {
            await WriteAsync(context, "ERROR", StatusBody.Failure(410, "Expired", $"too old resource version: {from}")).ConfigureAwait(false);
            return;
        }
        using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        end.CancelAfter(timeout);
        void Drop()
        {
            try
            {
                end.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The watch ended between the fault's snapshot of its handlers and this call: nothing left to drop.
            }
        }
        faults.WatchesDropped += Drop;
        var columns = true;
        try
        {
            if (initialEvents)
            {
                for (var i = 0; i < watch.Initial; i++)
                {
                    var change = await watch.Reader.ReadAsync(end.Token).ConfigureAwait(false);
                    if (matches(change.Object))
                    {
                        await WriteAsync(context, change.Type, Shape(kind, change.Object, table, includeObject, ref columns)).ConfigureAwait(false);
                    }
                }
                await WriteAsync(context, "BOOKMARK", Bookmark(kind, initialEventsEnd: true)).ConfigureAwait(false);
            }
            while (!end.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(end.Token);
                tick.CancelAfter(bookmarkInterval);
                try
                {
                    var change = await watch.Reader.ReadAsync(tick.Token).ConfigureAwait(false);
                    if (matches(change.Object))
                    {
                        await WriteAsync(context, change.Type, Shape(kind, change.Object, table, includeObject, ref columns)).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (!end.IsCancellationRequested && bookmarks)
                {
                    await WriteAsync(context, "BOOKMARK", Bookmark(kind, initialEventsEnd: false)).ConfigureAwait(false);
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
            faults.WatchesDropped -= Drop;
            watch.Unsubscribe();
        }
    }

    private JsonObject Shape(ResourceKind kind, JsonObject value, bool table, string includeObject, ref bool columns)
    {
        if (!table)
        {
            return value;
        }
        var shaped = TableBuilder.Build(kind, [value], value["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "", includeObject,
            clock.GetUtcNow(),
            withColumns: columns);
        columns = false;
        return shaped;
    }

    private JsonObject Bookmark(ResourceKind kind, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = store.ResourceVersion };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }
        return new JsonObject { ["apiVersion"] = kind.ApiVersion, ["kind"] = kind.Kind, ["metadata"] = metadata };
    }

    private static async Task WriteAsync(HttpContext context, string type, JsonObject value)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = value.DeepClone() }.ToJsonString() + "\n";
        await context.Response.WriteAsync(line, Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
