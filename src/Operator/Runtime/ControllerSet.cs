using System.Collections.Concurrent;
using k8s;
using k8s.Models;

namespace Tern.Operator.Runtime;

/// <summary>The operator's controllers: registered once, each started afresh for every term of leadership (so no
/// state of a previous term survives) and run together until the term or the process ends.</summary>
internal sealed class ControllerSet
{
    private readonly List<IControllerRegistration> _registrations = [];
    private readonly ConcurrentDictionary<Type, IRunningController> _running = new();

    /// <summary>Registers a controller of <typeparamref name="T"/>: one call per kind.</summary>
    public ControllerSet Add<T, TStatus>(ControllerRegistration<T, TStatus> registration)
        where T : class, IKubernetesObject<V1ObjectMeta>, IStatus<TStatus?>
        where TStatus : class
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (_registrations.Any(r => r.Kind == registration.Kind || r.Name == registration.Name))
        {
            throw new InvalidOperationException($"A controller for {registration.Kind.Name} or named {registration.Name} is already registered.");
        }
        _registrations.Add(registration);
        return this;
    }

    public IReadOnlyList<IControllerRegistration> Registrations => _registrations;

    /// <summary>What is wrong with the running controllers, for /healthz; empty when healthy or not leading.</summary>
    public IReadOnlyList<string> Problems => [.. _running.Values.SelectMany(c => c.Problems)];

    /// <summary>True when every running controller has finished its first list.</summary>
    public bool Synced => _running.Count == _registrations.Count && _running.Values.All(c => c.Synced);

    /// <summary>The running controller of <typeparamref name="T"/>, while leading (for tests and the sandbox).</summary>
    public ControllerHost<T>? Running<T>() where T : class, IKubernetesObject<V1ObjectMeta> =>
        _running.GetValueOrDefault(typeof(T)) as ControllerHost<T>;

    /// <summary>Runs every controller until <paramref name="stop"/>; in-flight reconciles then have until
    /// <paramref name="shutdownDeadline"/>.</summary>
    public async Task RunAsync(ControllerServices services, CancellationToken stop, CancellationToken shutdownDeadline)
    {
        var started = _registrations.Select(r => (r.Kind, Controller: r.Start(services))).ToList();
        try
        {
            foreach (var (kind, controller) in started)
            {
                _running[kind] = controller;
            }
            await Task.WhenAll(started.Select(s => s.Controller.RunAsync(stop, shutdownDeadline))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var (kind, controller) in started)
            {
                _running.TryRemove(kind, out _);
                controller.Dispose();
            }
        }
    }
}
