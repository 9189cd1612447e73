using System.Net;
using System.Text.Json;
using Tern.Entities.CarbonSources;
using Tern.Entities.Conditions;
using Tern.Entities.Serialization;
using Tern.Operator.Tests.Support;
using Tern.Tests.Support;

namespace Tern.Operator.Tests.Controllers;

/// <summary>The CarbonSource controller in a running operator against fake providers on 127.0.0.1: a hanging provider
/// cannot hold the only worker, Secrets need Tern's label, and no credential reaches a log line, an event or a status.</summary>
public class CarbonSourceReconcilerTests
{
    private const string Token = "tok-operator-5b7d3f";
    private const string WattTimePassword = "wt-password-9e21c4";
    private const string WattTimeBearer = "wt-bearer-03ad8e";
    private const string PrometheusToken = "prom-token-7c55f0";

    private static CarbonSourceSpec ElectricityMaps(string endpoint) => new()
    {
        Provider = CarbonProvider.ElectricityMaps,
        ElectricityMaps = new ElectricityMapsSettings { Endpoint = endpoint, TokenSecretRef = new() { Name = "electricitymaps", Key = "token" } },
    };

    private static bool Failed(Condition ready) => ready.Status == ConditionStatus.False;

    [Fact]
    public async Task A_hanging_provider_fails_at_the_refresh_deadline_and_the_worker_is_free_for_the_next_source()
    {
        using var provider = new LoopbackServer(_ => new Reply(200, "{}", Delay: TimeSpan.FromHours(1)));
        await using var harness = await CarbonSourceHarness.StartAsync();
        await harness.CreateSecretAsync("electricitymaps", new Dictionary<string, string> { ["token"] = Token }, labelled: true);
        await harness.CreateAsync("hanging", ElectricityMaps(provider.BaseUrl + "/v3"));
        harness.StartOperator();

        var hanging = await harness.WaitForReadyAsync("hanging", Failed);
        var ready = hanging.Status!.Conditions.Single(c => c.Type == CarbonSourceConditionTypes.Ready);
        Assert.Equal("Timeout", ready.Reason);
        Assert.Contains("had no complete answer when the refresh's deadline of 3s passed", ready.Message, StringComparison.Ordinal);
        Assert.All(hanging.Status.Regions, r => Assert.True(r.Stale));
        Assert.NotEmpty(provider.Requests);

        // The only CarbonSource worker is free again: the next source is refreshed while the provider still hangs.
        await harness.CreateAsync("bundled", new CarbonSourceSpec { Provider = CarbonProvider.Static });
        var bundled = await harness.WaitForReadyAsync("bundled", c => c.Status == ConditionStatus.True);
        Assert.Equal("Refreshed", bundled.Status!.Conditions.Single(c => c.Type == CarbonSourceConditionTypes.Ready).Reason);
    }

    [Fact]
    public async Task A_Secret_without_the_label_is_not_used_and_the_condition_says_which_label_to_add()
    {
        using var provider = new LoopbackServer(_ => Reply.Json("{}"));
        await using var harness = await CarbonSourceHarness.StartAsync();
        await harness.CreateSecretAsync("electricitymaps", new Dictionary<string, string> { ["token"] = Token }, labelled: false);
        await harness.CreateAsync("unlabelled", ElectricityMaps(provider.BaseUrl + "/v3"));
        harness.StartOperator();

        var source = await harness.WaitForReadyAsync("unlabelled", Failed);

        var ready = source.Status!.Conditions.Single(c => c.Type == CarbonSourceConditionTypes.Ready);
        Assert.Equal("SecretNotLabelled", ready.Reason);
        Assert.StartsWith("Secret tern-system/electricitymaps is not labelled tern.dev/carbon-credentials=true", ready.Message,
            StringComparison.Ordinal);
        Assert.Contains("kubectl -n tern-system label secret electricitymaps tern.dev/carbon-credentials=true", ready.Message,
            StringComparison.Ordinal);
        Assert.Empty(provider.Requests);
    }

    [Fact]
    public async Task No_credential_reaches_a_log_line_an_event_or_a_status_when_providers_answer_with_errors()
    {
        using var provider = new LoopbackServer(FakeProviders);
        await using var harness = await CarbonSourceHarness.StartAsync();
        await harness.CreateSecretAsync("electricitymaps", new Dictionary<string, string> { ["token"] = Token }, labelled: true);
        await harness.CreateSecretAsync("watttime", new Dictionary<string, string> { ["username"] = "tern", ["password"] = WattTimePassword },
            labelled: true);
        await harness.CreateSecretAsync("prometheus", new Dictionary<string, string> { ["token"] = PrometheusToken }, labelled: true);
        var expected = new Dictionary<string, string>
        {
            ["server-error"] = "ProviderUnavailable",
            ["html"] = "InvalidResponse",
            ["malformed"] = "InvalidResponse",
            ["unauthorized"] = "Unauthorized",
            ["redirect"] = "BadRequest",
            ["bad-request"] = "BadRequest",
        };
        foreach (var name in expected.Keys)
        {
            await harness.CreateAsync(name, ElectricityMaps($"{provider.BaseUrl}/{name}/v3"));
        }
        await harness.CreateAsync("watttime", new CarbonSourceSpec
        {
            Provider = CarbonProvider.WattTime,
            WattTime = new WattTimeSettings { Endpoint = $"{provider.BaseUrl}/watttime", CredentialsSecretRef = new() { Name = "watttime" } },
        });
        expected["watttime"] = "ProviderUnavailable";
        await harness.CreateAsync("prometheus", new CarbonSourceSpec
        {
            Provider = CarbonProvider.Prometheus,
            Prometheus = new PrometheusSettings
            {
                Endpoint = $"{provider.BaseUrl}/prometheus",
                QueryTemplate = "grid{zone=\"{{zone}}\"}",
                TokenSecretRef = new() { Name = "prometheus", Key = "token" },
            },
        });
        expected["prometheus"] = "BadRequest";
        harness.StartOperator();

        var statuses = new List<string>();
        foreach (var (name, reason) in expected)
        {
            var source = await harness.WaitForReadyAsync(name, Failed);
            Assert.Equal(reason, source.Status!.Conditions.Single(c => c.Type == CarbonSourceConditionTypes.Ready).Reason);
            statuses.Add(JsonSerializer.Serialize(source, TernJson.Options));
        }
        await OperatorFixture.WaitUntilAsync(async () => (await harness.EventsAsync()).Count(e => e.Type == "Warning") >= expected.Count,
            TimeSpan.FromSeconds(30), "every failed refresh has its Warning event");
        var events = (await harness.EventsAsync()).Select(e => $"{e.Reason}: {e.Message}").ToList();
        var logs = harness.Log.Lines.ToList();

        var unauthorized = statuses.Single(s => s.Contains("\"name\":\"unauthorized\"", StringComparison.Ordinal));
        Assert.Contains("HTTP 401 Unauthorized. The token or credentials are missing, wrong or not allowed this data; check the Secret", unauthorized,
            StringComparison.Ordinal);
        // The bodies did arrive, and went to the debug log with the credentials masked.
        Assert.Contains(logs, l => l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains("body (redacted", StringComparison.Ordinal)
            && l.Contains("***", StringComparison.Ordinal));
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"tern:{WattTimePassword}"));
        foreach (var secret in new[] { Token, WattTimePassword, WattTimeBearer, PrometheusToken, basic })
        {
            Assert.All(logs, l => Assert.DoesNotContain(secret, l, StringComparison.Ordinal));
            Assert.All(events, e => Assert.DoesNotContain(secret, e, StringComparison.Ordinal));
            Assert.All(statuses, s => Assert.DoesNotContain(secret, s, StringComparison.Ordinal));
        }
        Assert.All(events.Concat(statuses), text => Assert.DoesNotContain("<html", text, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Providers that fail in every way, each echoing the credential it was sent.</summary>
    private static Reply FakeProviders(HttpListenerRequest request)
    {
        var path = request.Url!.AbsolutePath;
        var sent = request.Headers["auth-token"] ?? request.Headers["Authorization"] ?? "";
        return path.Split('/')[1] switch
        {
            "server-error" => new Reply(500, $"<html><body>Internal error for {sent}</body></html>", "text/html"),
            "html" => new Reply(200, $"<html><body>Log in again, {sent}</body></html>", "text/html"),
            "malformed" => Reply.Json($"{{\"zone\":\"GB\",\"echo\":\"{sent}\",,}}"),
            "unauthorized" => new Reply(401, $"{{\"error\":\"Invalid auth-token {sent}\"}}"),
            "redirect" => new Reply(302, "", Headers: new Dictionary<string, string> { ["Location"] = $"/elsewhere?auth-token={sent}" }),
            "bad-request" => new Reply(400, $"{{\"message\":\"the key {sent} may not read this zone\"}}"),
            "watttime" when path.EndsWith("/login", StringComparison.Ordinal) => Reply.Json($"{{\"token\":\"{WattTimeBearer}\"}}"),
            "watttime" => new Reply(503, $"upstream refused {sent} ({WattTimeBearer})", "text/plain"),
            "prometheus" => Reply.Json($"{{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"token {sent} is not valid here\"}}"),
            _ => new Reply(404, "{}"),
        };
    }
}
