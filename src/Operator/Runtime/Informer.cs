using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Tern.Operator.Runtime;

/// <summary>Keeps a cache of one kind in step with the API server: list, then watch from the list's
/// resourceVersion with bookmarks and a bounded timeout; on 410 Gone list again and synthesise deletes for
/// keys that vanished; on other failures reconnect after a jittered backoff; restart a watch that has been
/// silent for longer than its timeout. Every change enqueues the key only.</summary>
internal sealed class Informer<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly CustomResourceClient<T> _client;
    private readonly Action<ResourceKey, T?, T?> _onChange;
    private readonly ILogger _logger;
    private readonly InformerOptions _options;
    private readonly ConcurrentDictionary<ResourceKey, T> _cache = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Informer(CustomResourceClient<T> client, Action<ResourceKey, T?, T?> onChange, ILogger logger, InformerOptions? options = null)
    {
        _client = client;
        _onChange = onChange;
        _logger = logger;
        _options = options ?? new InformerOptions();
    }

    /// <summary>Completes after the first successful list; readiness waits for it.</summary>
    public Task Synced => _synced.Task;

    /// <summary>Lists performed so far (the first and every relist).</summary>
    public int Lists { get; private set; }

    /// <summary>The cached object, or null.</summary>
    public T? Get(ResourceKey key) => _cache.GetValueOrDefault(key);

    /// <summary>Every cached object.</summary>
    public IReadOnlyCollection<T> All => [.. _cache.Values];

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await ListAsync(cancellationToken).ConfigureAwait(false);
                resourceVersion = await WatchAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            // Whatever goes wrong, the informer must not die: it backs off and tries again.
            catch (Exception e)
            {
                failures++;
                var delay = Backoff(failures);
                _logger.WatchFailed(e, _client.Kind, failures, delay);
                try
                {
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        var (items, resourceVersion) = await _client.ListAsync(cancellationToken).ConfigureAwait(false);
        Lists++;
        var seen = new HashSet<ResourceKey>();
        foreach (var item in items)
        {
            var key = CustomResourceClient<T>.KeyOf(item);
            seen.Add(key);
            var old = _cache.GetValueOrDefault(key);
            _cache[key] = item;
            _onChange(key, old, item);
        }
        // Deletes that happened while no watch was open would otherwise never be seen.
        foreach (var vanished in _cache.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            if (_cache.TryRemove(vanished, out var last))
            {
                DeletedObjects[vanished] = last;
                _onChange(vanished, last, null);
                _logger.Vanished(_client.Kind, vanished);
            }
        }
        _synced.TrySetResult();
        return resourceVersion;
    }

    /// <summary>The last state of objects deleted since they were last handed out, for DeletedAsync.</summary>
    public ConcurrentDictionary<ResourceKey, T> DeletedObjects { get; } = new();

    // Returns the resourceVersion to continue from, or null to list again.
    private async Task<string?> WatchAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A watch can hang without closing; a bounded server timeout plus a client-side idle timeout ends it.
        idle.CancelAfter(_options.IdleTimeout);
        try
        {
            await foreach (var change in _client.WatchAsync(resourceVersion, _options.WatchTimeoutSeconds, idle.Token).ConfigureAwait(false))
            {
                idle.CancelAfter(_options.IdleTimeout);
                switch (change.Type)
                {
                    case WatchEventType.Error when change.ErrorCode == 410:
                        _logger.WatchExpired(_client.Kind, resourceVersion);
                        return null;
                    case WatchEventType.Error:
                        throw new HttpRequestException($"{_client.Kind} watch returned an error event with code {change.ErrorCode}.");
                    case WatchEventType.Bookmark:
                        resourceVersion = change.ResourceVersion ?? resourceVersion;
                        break;
                    case WatchEventType.Deleted:
                        var deleted = change.Object!;
                        var deletedKey = CustomResourceClient<T>.KeyOf(deleted);
                        _cache.TryRemove(deletedKey, out var before);
                        DeletedObjects[deletedKey] = deleted;
                        resourceVersion = change.ResourceVersion ?? resourceVersion;
                        _onChange(deletedKey, before, null);
                        break;
                    default:
                        var item = change.Object!;
                        var key = CustomResourceClient<T>.KeyOf(item);
                        var previous = _cache.GetValueOrDefault(key);
                        _cache[key] = item;
                        resourceVersion = change.ResourceVersion ?? resourceVersion;
                        _onChange(key, previous, item);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.WatchIdle(_client.Kind, _options.IdleTimeout);
        }
        // KubernetesClient turns an ERROR event into this exception; 410 means the version is too old.
        catch (KubernetesException e) when (e.Status?.Code == 410)
        {
            _logger.WatchExpired(_client.Kind, resourceVersion);
            return null;
        }
        return resourceVersion;
    }

    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(_options.MaxReconnectDelay.TotalMilliseconds, 200 * Math.Pow(2, Math.Min(failures, 10))) * (0.5 + Random.Shared.NextDouble()));
}

/// <summary>Timings of an informer.</summary>
internal sealed record InformerOptions
{
    /// <summary>Server-side bound of one watch request.</summary>
    public int WatchTimeoutSeconds { get; init; } = 300;

    /// <summary>A watch with no event or bookmark for this long is restarted.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(330);

    /// <summary>Longest wait before reconnecting after failures.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);
}
