using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tern.Operator.Runtime;
using Tern.Operator.Tests.Support;

namespace Tern.Operator.Tests.Runtime;

public class EventRecorderTests
{
    [Fact]
    public async Task Repeats_within_the_window_update_one_event_and_what_is_remembered_expires_with_the_window()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var recorder = new EventRecorder(harness.Client, clock, NullLogger.Instance);
        for (var i = 0; i < 3; i++)
        {
            await recorder.RecordAsync(Subject("a"), "Warning", "Failed", "the same message", default);
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        var events = (await harness.Client.CoreV1.ListNamespacedEventAsync("default")).Items;
        Assert.Equal(3, Assert.Single(events).Count);

        clock.Advance(TimeSpan.FromMinutes(11));
        await recorder.RecordAsync(Subject("b"), "Normal", "Done", "another object", default);

        Assert.Equal(1, recorder.Remembered);
    }

    [Fact]
    public async Task At_most_the_capacity_is_remembered_however_many_objects_get_events()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var recorder = new EventRecorder(harness.Client, new FakeTimeProvider(), NullLogger.Instance, capacity: 4);

        for (var i = 0; i < 12; i++)
        {
            await recorder.RecordAsync(Subject($"object-{i}"), "Normal", "Seen", "one event per object", default);
        }

        Assert.InRange(recorder.Remembered, 1, 4);
        Assert.Equal(12, (await harness.Client.CoreV1.ListNamespacedEventAsync("default")).Items.Count);
    }

    private static ObjectReference Subject(string name) =>
        new("tern.dev/v1alpha1", "ServerlessWorkflow", "default", name, Guid.NewGuid().ToString(), "1");
}
