using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Tern.Entities.ServerlessWorkflows;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Runtime;

/// <summary>The controller runtime with test reconcilers, through the real HTTP path: what a failing, slow or stuck
/// reconcile does to the workers, what the operator's own status writes trigger, and what each log line carries.</summary>
public class ControllerHostTests
{
    private static readonly ResourceKey Dna = new("default", "dna-visualization");
    private static readonly ResourceKey Images = new("default", "image-processing");

    [Fact]
    public async Task A_reconcile_that_throws_is_counted_and_backed_off_and_the_only_worker_goes_on_with_other_keys()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var reconciler = new TestReconciler(key => key == Dna ? throw new InvalidOperationException("a bug") : ReconcileResult.Done);
        await using var running = Run(harness, reconciler);
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(reconciler.Count(Dna) >= 3), TimeSpan.FromSeconds(20),
            "the failing key is retried");

        await harness.ApplyAsync(OperatorFixture.Example("image-processing"));

        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(reconciler.Count(Images) == 1), TimeSpan.FromSeconds(20),
            "the other key is reconciled");
        var metrics = running.Services.Metrics;
        Assert.True(metrics.Panics.WithLabels("test").Value >= 3);
        Assert.Equal(metrics.Errors.WithLabels("test").Value, metrics.Retries.WithLabels("test").Value);
        Assert.True(reconciler.Gaps(Dna).Zip(reconciler.Gaps(Dna).Skip(1)).Any(p => p.Second > p.First), "the retries back off");
    }

    [Fact]
    public async Task The_operators_own_status_writes_do_not_trigger_reconciles_but_spec_and_label_changes_do()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var seen = new ConcurrentQueue<string>();
        var writes = 0;
        async Task<ReconcileResult> WriteStatusAsync(ControllerContext<ServerlessWorkflow, ServerlessWorkflowStatus> context, ServerlessWorkflow w,
            CancellationToken token)
        {
            seen.Enqueue(w.Metadata.Labels is { } labels && labels.TryGetValue("step", out var step) ? step : "none");
            // A status that differs at every write, as a progress message would.
            var written = Interlocked.Increment(ref writes);
            await context.Status.UpdateAsync(w, c => (c.Status ?? new ServerlessWorkflowStatus()) with { ObservedGeneration = written }, token);
            return ReconcileResult.Done;
        }
        var registration = new ControllerRegistration<ServerlessWorkflow, ServerlessWorkflowStatus>("test",
            context => new TestReconciler((w, token) => WriteStatusAsync(context, w, token)));
        await using var running = Run(harness, registration);
        var workflow = OperatorFixture.Example("dna-visualization");
        workflow.Metadata.Labels = new Dictionary<string, string> { ["step"] = "1" };
        await harness.ApplyAsync(workflow);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(running.Host.Informer.Get(Dna)?.Status?.ObservedGeneration >= 1),
            TimeSpan.FromSeconds(10), "the status write reaches the informer");

        var relabel = new JsonObject { ["op"] = "replace", ["path"] = "/metadata/labels/step", ["value"] = "2" };
        await harness.Workflows.PatchAsync(Dna, [relabel], default);
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(seen.Contains("2")), TimeSpan.FromSeconds(10), "the label change is reconciled");
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(running.Host.Informer.Get(Dna)?.Status?.ObservedGeneration >= 2),
            TimeSpan.FromSeconds(10), "the second status write reaches the informer");

        Assert.Equal(["1", "2"], seen);
    }

    [Fact]
    public async Task A_reconcile_past_its_timeout_is_cancelled_counted_and_retried()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var reconciler = new TestReconciler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return ReconcileResult.Done;
        });
        await using var running = Run(harness, reconciler, new ControllerTimings { ReconcileTimeout = TimeSpan.FromMilliseconds(300) });
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));

        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(reconciler.Count(Dna) >= 3), TimeSpan.FromSeconds(20), "the key is retried");
        Assert.True(running.Services.Metrics.Timeouts.WithLabels("test").Value >= 2);
        Assert.Equal(0, running.Services.Metrics.Panics.WithLabels("test").Value);
    }

    [Fact]
    public async Task A_worker_stuck_past_its_timeout_makes_the_controller_unhealthy_until_it_returns()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // This reconcile ignores its token, as a call without one would.
        var reconciler = new TestReconciler(async (_, _) =>
        {
            await release.Task;
            return ReconcileResult.Done;
        });
        var timings = new ControllerTimings { ReconcileTimeout = TimeSpan.FromMilliseconds(300), StuckGrace = TimeSpan.FromMilliseconds(300) };
        await using var running = Run(harness, reconciler, timings);
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(reconciler.Count(Dna) == 1), TimeSpan.FromSeconds(10), "the reconcile starts");
        Assert.Empty(running.Host.Problems);

        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(running.Host.Problems.Count > 0), TimeSpan.FromSeconds(10),
            "the worker counts as stuck");
        Assert.Contains("ServerlessWorkflow reconcile has run for", Assert.Single(running.Host.Problems), StringComparison.Ordinal);

        release.SetResult();
        await OperatorFixture.WaitUntilAsync(() => Task.FromResult(running.Host.Problems.Count == 0), TimeSpan.FromSeconds(10), "healthy again");
    }

    [Fact]
    public async Task Every_line_logged_during_a_reconcile_carries_the_object_and_a_reconcile_id()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var lines = new RecordingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(lines));
        var registration = new ControllerRegistration<ServerlessWorkflow, ServerlessWorkflowStatus>("test", context => new TestReconciler((w, _) =>
        {
            context.Logger.Log(LogLevel.Information, default, "reconciling", null, (message, _) => message);
            throw new HttpRequestException("the API server went away");
        }));
        await using var running = Run(harness, registration, loggers: loggers);
        await harness.ApplyAsync(OperatorFixture.Example("dna-visualization"));
        await OperatorFixture.WaitUntilAsync(
            () => Task.FromResult(lines.Lines.Count(l => l.Message.Contains("failed", StringComparison.Ordinal)) >= 2),
            TimeSpan.FromSeconds(10), "two failed reconciles are logged");

        var reconciling = lines.Lines.Where(l => l.Message == "reconciling").ToList();
        var failed = lines.Lines.Where(l => l.Message.Contains("the API server went away", StringComparison.Ordinal)).ToList();
        Assert.All(reconciling.Concat(failed), l =>
        {
            Assert.Equal("test", l.Scope["controller"]);
            Assert.Equal("ServerlessWorkflow", l.Scope["controllerKind"]);
            Assert.Equal("default", l.Scope["namespace"]);
            Assert.Equal("dna-visualization", l.Scope["name"]);
        });
        Assert.Equal(reconciling[0].Scope["reconcileID"], failed[0].Scope["reconcileID"]);
        Assert.NotEqual(reconciling[0].Scope["reconcileID"], reconciling[1].Scope["reconcileID"]);
        // An API failure is expected: one line, no stack trace, not counted as a panic.
        Assert.Equal(LogLevel.Warning, failed[0].Level);
        Assert.Equal(0, running.Services.Metrics.Panics.WithLabels("test").Value);
    }

    private static RunningController Run(OperatorHarness harness, TestReconciler reconciler, ControllerTimings? timings = null) =>
        Run(harness, new ControllerRegistration<ServerlessWorkflow, ServerlessWorkflowStatus>("test", _ => reconciler), timings);

    private static RunningController Run(OperatorHarness harness, ControllerRegistration<ServerlessWorkflow, ServerlessWorkflowStatus> registration,
        ControllerTimings? timings = null, ILoggerFactory? loggers = null)
    {
        loggers ??= LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var client = harness.NewClient("controller");
        var events = new EventRecorder(client, TimeProvider.System, loggers.CreateLogger("events"));
        var services = new ControllerServices(client, events, TimeProvider.System, loggers, new RuntimeMetrics(), OperatorHarness.FastInformers)
        {
            Timings = timings ?? new ControllerTimings(),
        };
        var host = (ControllerHost<ServerlessWorkflow>)(registration with { Workers = 1 }).Start(services);
        var stop = new CancellationTokenSource();
        return new RunningController(host, services, stop, host.RunAsync(stop.Token, stop.Token));
    }

    private sealed record RunningController(
        ControllerHost<ServerlessWorkflow> Host, ControllerServices Services, CancellationTokenSource Stop, Task Running) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Running.WaitAsync(TimeSpan.FromSeconds(10));
            Host.Dispose();
            Stop.Dispose();
            Services.Client.Dispose();
        }
    }

    /// <summary>Runs a given function per reconcile and records when each key was reconciled.</summary>
    private sealed class TestReconciler(Func<ServerlessWorkflow, CancellationToken, Task<ReconcileResult>> reconcile)
        : IReconciler<ServerlessWorkflow>
    {
        private readonly ConcurrentQueue<(ResourceKey Key, DateTimeOffset At)> _calls = new();

        public TestReconciler(Func<ResourceKey, ReconcileResult> reconcile) : this((w, _) => Task.FromResult(reconcile(Key(w))))
        {
        }

        public int Count(ResourceKey key) => _calls.Count(c => c.Key == key);

        /// <summary>Time between one reconcile of <paramref name="key"/> and the next.</summary>
        public IReadOnlyList<TimeSpan> Gaps(ResourceKey key)
        {
            var times = _calls.Where(c => c.Key == key).Select(c => c.At).ToList();
            return [.. times.Zip(times.Skip(1), (a, b) => b - a)];
        }

        public Task<ReconcileResult> ReconcileAsync(ServerlessWorkflow entity, CancellationToken cancellationToken)
        {
            _calls.Enqueue((Key(entity), DateTimeOffset.UtcNow));
            return reconcile(entity, cancellationToken);
        }

        public Task DeletedAsync(ServerlessWorkflow entity, CancellationToken cancellationToken) => Task.CompletedTask;

        private static ResourceKey Key(ServerlessWorkflow w) => new(w.Metadata.NamespaceProperty, w.Metadata.Name);
    }
}
