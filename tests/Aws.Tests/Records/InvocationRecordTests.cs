using Tern.Aws.Records;

namespace Tern.Aws.Tests.Records;

/// <summary>The invocation record's wire contract: the exact JSON functions in other languages write.</summary>
public sealed class InvocationRecordTests
{
    // One line of JSON, wrapped here for reading.
    private static readonly string Documented = """
        {"schemaVersion":1,"runId":"5f0c7d3a9b2e4c61a8d0e2f4b6c8a0d2","workflow":"shop/orders","instance":"resize#2","function":"resize",
        "region":"eu-north-1","requestId":"0d9c5b2e-2f1a-4c0e-9b7d-3e5f6a7b8c9d","startedAt":"2026-11-30T12:00:00.25+00:00",
        "durationMs":812.5,"billedMemoryMiB":512,"coldStart":false,"payloadBytesIn":2048,"payloadBytesOut":1024,"homeRun":false,
        "placementVersion":7,"caller":{"instance":"split","region":"us-east-1","latencyMs":95.2},"successors":[{"instance":"merge",
        "called":true,"region":"eu-north-1","payloadBytes":1024},{"instance":"notify","called":false,"region":null,"payloadBytes":0}],
        "error":null}
        """.ReplaceLineEndings("");

    /// <summary>The README's example record.</summary>
    public static InvocationRecord Record(DateTimeOffset? startedAt = null, string requestId = "0d9c5b2e-2f1a-4c0e-9b7d-3e5f6a7b8c9d") => new()
    {
        RunId = "5f0c7d3a9b2e4c61a8d0e2f4b6c8a0d2",
        Workflow = "shop/orders",
        Instance = "resize#2",
        Function = "resize",
        Region = "eu-north-1",
        RequestId = requestId,
        StartedAt = startedAt ?? new DateTimeOffset(2026, 11, 30, 12, 0, 0, 250, TimeSpan.Zero),
        DurationMs = 812.5,
        BilledMemoryMiB = 512,
        ColdStart = false,
        PayloadBytesIn = 2048,
        PayloadBytesOut = 1024,
        HomeRun = false,
        PlacementVersion = 7,
        Caller = new CallerInfo("split", "us-east-1", 95.2),
        Successors = [new SuccessorCall("merge", true, "eu-north-1", 1024), new SuccessorCall("notify", false, null, 0)],
    };

    [Fact]
    public void The_record_serialises_to_the_documented_JSON_and_reads_back()
    {
        Assert.Equal(Documented, Record().ToJson());
        Assert.Equal(Documented, InvocationRecord.FromJson(Documented).ToJson());
    }

    [Fact]
    public void The_README_documents_every_JSON_name_the_record_uses_and_shows_the_same_record()
    {
        var readme = File.ReadAllText(Path.Combine(Fixtures.RepoPaths.SourceAws, "Records", "README.md"));
        var names = System.Text.RegularExpressions.Regex.Matches(Documented, "\"([A-Za-z]+)\":").Select(m => m.Groups[1].Value).Distinct();
        var example = readme[(readme.IndexOf("```json", StringComparison.Ordinal) + 7)..];
        example = example[..example.IndexOf("```", StringComparison.Ordinal)];

        Assert.All(names, name => Assert.Contains($"`{name}`", readme, StringComparison.Ordinal));
        Assert.Equal(Documented, InvocationRecord.FromJson(example).ToJson());
    }

    [Fact]
    public void Record_keys_sort_by_start_time_and_a_range_from_an_instant_starts_at_it()
    {
        // 10:00 at UTC+2 is 08:00Z: keys are in UTC, so it sorts before 09:00Z.
        var early = RecordKeys.Record(Record(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(2))));
        var late = RecordKeys.Record(Record(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero)));

        Assert.True(string.CompareOrdinal(early, late) < 0, "08:00Z must sort before 09:00Z");
        Assert.True(string.CompareOrdinal(RecordKeys.RecordsFrom(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero)), early) <= 0);
        Assert.True(string.CompareOrdinal(RecordKeys.RecordsFrom(new DateTimeOffset(2026, 11, 30, 8, 0, 1, TimeSpan.Zero)), early) > 0);
        Assert.True(string.CompareOrdinal(late, RecordKeys.RecordsEnd) < 0);
        Assert.StartsWith("record/2026-11-30T08:00:00.0000000Z/", early, StringComparison.Ordinal);
    }
}
