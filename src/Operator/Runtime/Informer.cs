using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Tern.Operator.Runtime;

/// <summary>Keeps a cache of one kind in step with the API server: a paged list, then a watch from the list's
/// resourceVersion with bookmarks and a bounded timeout; on 410 Gone list again and synthesise deletes for
/// keys that vanished; on other failures reconnect after a jittered backoff; restart a watch that has been
/// silent for longer than its timeout. Every change enqueues the key only. An object that cannot be decoded is
/// dropped from the cache (never reported as deleted) and reported once per version, so it stops nothing else.</summary>
internal sealed class Informer<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly CustomResourceClient<T> _client;
    private readonly Action<ResourceKey, T?, T?> _onChange;
    private readonly Action<UndecodableObject>? _onUndecodable;
    private readonly ILogger _logger;
    private readonly InformerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<ResourceKey, T> _cache = new();
    private readonly ConcurrentDictionary<ResourceKey, UndecodableObject> _undecodable = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastContact;

    public Informer(CustomResourceClient<T> client, Action<ResourceKey, T?, T?> onChange, ILogger logger, InformerOptions? options = null,
        TimeProvider? clock = null, Action<UndecodableObject>? onUndecodable = null)
    {
        _client = client;
        _onChange = onChange;
        _onUndecodable = onUndecodable;
        _logger = logger;
        _options = options ?? new InformerOptions();
        _clock = clock ?? TimeProvider.System;
        _lastContact = _clock.GetTimestamp();
    }

    /// <summary>Completes after the first successful list; readiness waits for it.</summary>
    public Task Synced => _synced.Task;

    /// <summary>Lists performed so far (the first and every relist).</summary>
    public int Lists { get; private set; }

    /// <summary>The cached object, or null.</summary>
    public T? Get(ResourceKey key) => _cache.GetValueOrDefault(key);

    /// <summary>Why the object at <paramref name="key"/> is skipped, while its current version cannot be decoded.</summary>
    public UndecodableObject? Undecodable(ResourceKey key) => _undecodable.GetValueOrDefault(key);

    /// <summary>Every cached object.</summary>
    public IReadOnlyCollection<T> All => [.. _cache.Values];

    /// <summary>The last state of objects deleted since they were last handed out, for DeletedAsync.</summary>
    public ConcurrentDictionary<ResourceKey, T> DeletedObjects { get; } = new();

    /// <summary>Time since the API server last answered: a list, a watch event or bookmark, or a watch the server ended.</summary>
    public TimeSpan SinceContact => _clock.GetElapsedTime(Interlocked.Read(ref _lastContact));

    /// <summary>Why this informer is unhealthy, or null: its loop has heard nothing from the API server for longer
    /// than a watch can stay silent, twice over.</summary>
    public string? Problem => SinceContact > _options.UnhealthyAfter
        ? $"the {_client.Kind} watch has not reached the API server for {SinceContact.TotalSeconds:0} s " +
            $"(limit {_options.UnhealthyAfter.TotalSeconds:0} s)"
        : null;

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
                _logger.WatchFailed(_client.Kind, failures, delay, e.Message);
                try
                {
                    await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
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
        var list = await _client.ListAsync(cancellationToken, _options.PageSize).ConfigureAwait(false);
        Contact();
        Lists++;
        var seen = new HashSet<ResourceKey>();
        foreach (var item in list.Items)
        {
            var key = CustomResourceClient<T>.KeyOf(item);
            seen.Add(key);
            _undecodable.TryRemove(key, out _);
            var old = _cache.GetValueOrDefault(key);
            _cache[key] = item;
            _onChange(key, old, item);
        }
        foreach (var bad in list.Undecodable)
        {
            seen.Add(bad.Reference.Key);
            Skip(bad);
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
        foreach (var gone in _undecodable.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _undecodable.TryRemove(gone, out _);
        }
        _synced.TrySetResult();
        return list.ResourceVersion;
    }

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
                Contact();
                switch (change)
                {
                    case { Type: WatchEventType.Error, ErrorCode: 410 }:
                        _logger.WatchExpired(_client.Kind, resourceVersion);
                        return null;
                    case { Type: WatchEventType.Error }:
                        throw new HttpRequestException($"{_client.Kind} watch returned an error event with code {change.ErrorCode}.");
                    case { Type: WatchEventType.Bookmark }:
                        break;
                    case { Undecodable: { } bad }:
                        Undecodable(change.Type, bad);
                        break;
                    case { Type: WatchEventType.Deleted, Object: { } deleted }:
                        Deleted(CustomResourceClient<T>.KeyOf(deleted), deleted);
                        break;
                    case { Object: { } item }:
                        var key = CustomResourceClient<T>.KeyOf(item);
                        _undecodable.TryRemove(key, out _);
                        var previous = _cache.GetValueOrDefault(key);
                        _cache[key] = item;
                        _onChange(key, previous, item);
                        break;
                }
                resourceVersion = change.ResourceVersion ?? resourceVersion;
            }
            Contact();
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

    private void Undecodable(WatchEventType type, UndecodableObject bad)
    {
        if (type != WatchEventType.Deleted)
        {
            Skip(bad);
            return;
        }
        _undecodable.TryRemove(bad.Reference.Key, out _);
        // The object was readable before it broke: its last good state stands for it in DeletedAsync.
        if (_cache.TryGetValue(bad.Reference.Key, out var last))
        {
            Deleted(bad.Reference.Key, last);
        }
    }

    private void Deleted(ResourceKey key, T last)
    {
        _cache.TryRemove(key, out var before);
        _undecodable.TryRemove(key, out _);
        DeletedObjects[key] = last;
        _onChange(key, before, null);
    }

    // The last good version is dropped from the cache without a delete: the object still exists, and acting on an
    // outdated spec, or on a delete that did not happen, would both be wrong. It is reported once per version.
    private void Skip(UndecodableObject bad)
    {
        var key = bad.Reference.Key;
        _cache.TryRemove(key, out _);
        var previous = _undecodable.GetValueOrDefault(key);
        _undecodable[key] = bad;
        if (previous?.Reference.ResourceVersion != bad.Reference.ResourceVersion)
        {
            _logger.Undecodable(_client.Kind, key, bad.Problem);
            _onUndecodable?.Invoke(bad);
        }
    }

    private void Contact() => Interlocked.Exchange(ref _lastContact, _clock.GetTimestamp());

    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(_options.MaxReconnectDelay.TotalMilliseconds, 200 * Math.Pow(2, Math.Min(failures, 10)))
            * (0.5 + Random.Shared.NextDouble()));
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

    /// <summary>Objects per list request: large lists come in pages rather than as one response held in memory at once.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>Objects per list page.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>With no answer from the API server for this long, /healthz fails: twice the longest a healthy watch is silent.</summary>
    public TimeSpan UnhealthyAfter => 2 * TimeSpan.FromTicks(Math.Max(IdleTimeout.Ticks, TimeSpan.FromSeconds(WatchTimeoutSeconds).Ticks));
}
