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

    /// <summary>A CarbonSource manifest for Electricity Maps at <paramref name="endpoint"/>, in a temporary file.</summary>
    private static string Manifest(string endpoint)
    {
        var file = Path.Combine(Path.GetTempPath(), $"tern-carbon-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, $"""
            apiVersion: tern.dev/v1alpha1
            kind: CarbonSource
            metadata:
              name: local
            spec:
              provider: ElectricityMaps
              electricityMaps:
                endpoint: {endpoint}
                tokenSecretRef:
                  name: electricitymaps
                  key: token
              zoneOverrides:
                us-west-2: US-NW-PACW
            """);
        return file;
    }

    [Fact]
    public void An_endpoint_the_operator_did_not_allow_is_not_contacted_and_the_flag_is_named()
    {
        using var server = new LoopbackServer(_ => Reply.Json("{}"));
        var manifest = Manifest(server.BaseUrl + "/v3");
        try
        {
            var (exit, output, _) = Run(manifest, "--secret", "electricitymaps/token=tok-cli-77e1");

            Assert.Equal(1, exit);
            Assert.Contains("Ready=False (EndpointNotAllowed)", output, StringComparison.Ordinal);
            Assert.Contains("--allow-carbon-endpoint 127.0.0.1", output, StringComparison.Ordinal);
            Assert.Empty(server.Requests);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [Fact]
    public void An_allowed_endpoint_that_refuses_the_token_gets_one_request_and_its_reply_is_not_printed()
    {
        using var server = new LoopbackServer(_ => new Reply(401, "{\"error\":\"bad token tok-cli-77e1 from the server\"}"));
        var manifest = Manifest(server.BaseUrl + "/v3");
        try
        {
            var (exit, output, error) = Run(manifest, "--secret", "electricitymaps/token=tok-cli-77e1", "--allow-carbon-endpoint", "127.0.0.1");

            Assert.Equal(1, exit);
            Assert.Contains("Ready=False (Unauthorized)", output, StringComparison.Ordinal);
            Assert.Single(server.Requests);
            Assert.DoesNotContain("tok-cli-77e1", output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("from the server", output + error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [Theory]
    [InlineData("no-such-file.yaml")]
    [InlineData("--allow-carbon-endpoint", "*.example.test")]
    [InlineData("--at", "yesterday-ish")]
    [InlineData("--secret", "novalue")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var (exit, _, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.StartsWith("tern carbon show:", error, StringComparison.Ordinal);
    }
}
