using Tern.Carbon.Static;
using Tern.Entities.CarbonSources;
using static Tern.Carbon.Tests.CarbonTestKit;

namespace Tern.Carbon.Tests.Static;

public class StaticCsvTests
{
    private static IReadOnlyDictionary<string, List<CarbonReading>> Parse(string text)
    {
        using var reader = new StringReader(text);
        return StaticCsv.Parse(reader, "ConfigMap carbon/data.csv");
    }

    [Fact]
    public void A_duplicate_timestamp_is_rejected_naming_the_file_line_zone_and_time()
    {
        var error = Assert.Throws<FormatException>(() => Parse("""
            datetime_utc,zone,gco2_per_kwh
            2024-05-01T13:00:00Z,FR,300
            2024-05-01T13:00:00Z,DE,500
            2024-05-01T13:00:00Z,FR,1900
            """));

        Assert.Equal("ConfigMap carbon/data.csv:4: zone FR already has a reading at 2024-05-01T13:00:00Z (line 2); keep one row per zone and time.",
            error.Message);
    }

    [Fact]
    public void The_same_instant_written_with_an_offset_is_a_duplicate_too()
    {
        var error = Assert.Throws<FormatException>(() => Parse("""
            datetime_utc,zone,gco2_per_kwh
            2024-05-01T13:00:00Z,FR,300
            2024-05-01T15:00:00+02:00,FR,1900
            """));

        Assert.StartsWith("ConfigMap carbon/data.csv:3: zone FR already has a reading at 2024-05-01T13:00:00Z", error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void One_time_for_several_zones_and_several_times_for_one_zone_are_kept()
    {
        var zones = Parse("""
            datetime_utc,zone,gco2_per_kwh
            2024-05-01T13:30:00Z,FR,60
            2024-05-01T13:00:00Z,FR,40
            2024-05-01T13:00:00Z,DE,500
            """);

        Assert.Equal([40.0, 60.0], zones["FR"].Select(r => r.GramsPerKwh!.Value));
        Assert.Equal(500, zones["DE"].Single().GramsPerKwh);
    }

    [Fact]
    public async Task A_refresh_of_a_ConfigMap_with_a_duplicate_fails_with_the_message_instead_of_averaging()
    {
        var configMaps = new MemoryConfigMaps();
        configMaps.Values[("carbon", "data.csv")] = "datetime_utc,zone,gco2_per_kwh\n2024-05-01T13:00:00Z,FR,300\n2024-05-01T13:00:00Z,FR,1900\n";
        using var http = ProviderHttpClient.Create();
        var source = Source(new CarbonSourceSpec
        {
            Provider = CarbonProvider.Static,
            Static = new StaticSettings { ConfigMapRef = new() { Name = "carbon", Key = "data.csv" } },
        });

        var result = await Refresher(http, new CarbonSnapshotStore(), Clock(), ["eu-west-3"], configMaps)
            .RefreshAsync(source, new MemorySecrets(), default);

        Assert.False(result.Outcome.Ready);
        Assert.Equal("InvalidConfiguration", result.Outcome.Reason);
        Assert.Contains("ConfigMap carbon/data.csv:3: zone FR already has a reading at 2024-05-01T13:00:00Z (line 2)", result.Outcome.Message,
            StringComparison.Ordinal);
        Assert.Null(result.Snapshot);
    }
}
