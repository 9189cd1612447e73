using Tern.Aws.Placement;

namespace Tern.Aws.Tests.Placement;

/// <summary>The placement record's wire contract: the exact JSON functions in other languages read.</summary>
public sealed class PlacementRecordTests
{
    private const string Documented =
        """{"schemaVersion":1,"namespace":"shop","workflow":"orders","version":7,"generatedAt":"2026-11-30T12:0""" +
        """0:00+00:00","expiresAt":"2026-12-01T12:00:00+00:00","homeRegion":"us-east-1","home":{"resize":{"func""" +
        """tion":"resize","region":"us-east-1","functionArn":"arn:aws:lambda:us-east-1:123456789012:function:or""" +
        """ders-resize"}},"timeKeys":[{"startHourUtc":0,"instances":{"resize":{"function":"resize","region":"eu""" +
        """-north-1","functionArn":"arn:aws:lambda:eu-north-1:123456789012:function:orders-resize"}}}]}""";

    [Fact]
    public void The_record_serialises_to_the_documented_JSON_and_reads_back()
    {
        var record = PlacementStoreTests.Record(7, "eu-north-1");

        Assert.Equal(Documented, record.ToJson());
        Assert.Equal(Documented, PlacementRecord.FromJson(Documented).ToJson());
    }

    [Fact]
    public void The_README_documents_every_JSON_name_the_record_uses()
    {
        var readme = File.ReadAllText(Path.Combine(Fixtures.RepoPaths.SourceAws, "Placement", "README.md"));
        var names = System.Text.RegularExpressions.Regex.Matches(Documented, "\"([A-Za-z]+)\":").Select(m => m.Groups[1].Value).Distinct()
            .Where(n => n is not "resize");

        Assert.All(names, name => Assert.Contains($"`{name}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void A_record_missing_a_required_field_is_refused()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => PlacementRecord.FromJson("""{"schemaVersion":1,"namespace":"shop"}"""));
    }
}
