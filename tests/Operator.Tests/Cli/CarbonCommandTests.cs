using System.Text.Json.Nodes;
using Tern.Operator.Cli;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Cli;

public class CarbonCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        return Tern.Run(["carbon", "show", .. args]);
    }

    [Fact]
    public void Every_bundled_region_with_data_has_24_values_and_the_others_say_why()
    {
        var (exit, output, error) = Run("--output", "json");
        Assert.True(exit == 0, error);
        var document = JsonNode.Parse(output)!.AsArray().Single()!;
        var regions = document["regions"]!.AsArray().ToDictionary(r => r!["region"]!.GetValue<string>());
        var withData = BundledDataFixture.Snapshot.Regions.Where(r => r.IsAvailable).Select(r => r.Region).ToList();
        Assert.NotEmpty(withData);
        foreach (var region in withData)
        {
            var hourly = regions[region]!["hourlyGramsPerKwh"]!.AsArray();
            Assert.Equal(24, hourly.Count);
            Assert.All(hourly, v => Assert.InRange(v!.GetValue<double>(), 0, 2000));
            Assert.Equal("Average", regions[region]!["signal"]!.GetValue<string>());
        }
        var unavailable = document["unavailable"]!.AsArray();
        Assert.Equal(34 - withData.Count, unavailable.Count);
        Assert.All(unavailable, u => Assert.False(string.IsNullOrEmpty(u!["reason"]!.GetValue<string>())));
    }

    [Fact]
    public void The_table_has_a_column_per_hour_and_a_row_per_region_with_data()
    {
        var (exit, output, _) = Run(RepoPaths.Of("examples", "carbonsource-static.yaml"), "--at", "2023-03-01");
        Assert.Equal(0, exit);
        Assert.Contains("from 2023-02-22T00:00Z to 2023-03-01T00:00Z", output, StringComparison.Ordinal);
        var header = output.Split('\n').Single(l => l.StartsWith("region", StringComparison.Ordinal));
        Assert.EndsWith(" 22   23", header, StringComparison.Ordinal);
        var row = output.Split('\n').Single(l => l.StartsWith("us-east-1 ", StringComparison.Ordinal));
        Assert.Equal(24 + 4, row.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("No profile:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_live_provider_without_its_secret_fails_with_the_reason()
    {
        var (exit, output, _) = Run(RepoPaths.Of("examples", "carbonsource-electricitymaps.yaml"));
        Assert.Equal(1, exit);
        Assert.Contains("Ready=False (Unauthorized)", output, StringComparison.Ordinal);
        Assert.Contains("Secret electricitymaps has no key 'token'", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-file.yaml")]
    [InlineData("--at", "yesterday-ish")]
    [InlineData("--secret", "novalue")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var (exit, _, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.StartsWith("tern carbon show:", error, StringComparison.Ordinal);
    }
}
