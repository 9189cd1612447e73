using Tern.Entities.CarbonSources;
using Tern.Tests.Support;
using static Tern.Carbon.Tests.CarbonTestKit;

namespace Tern.Carbon.Tests.Http;

public class EndpointPolicyTests
{
    private const string Field = "spec.electricityMaps.endpoint";
    private const string Default = "https://api.electricitymap.org/v3";

    private static CarbonProviderException Refused(EndpointPolicy policy, string endpoint, string? defaultEndpoint = Default,
        bool credentials = true) =>
        Assert.Throws<CarbonProviderException>(() => policy.Check(Field, endpoint, defaultEndpoint, credentials));

    [Fact]
    public void The_providers_default_host_is_allowed_without_any_entry()
    {
        EndpointPolicy.DefaultHostsOnly.Check(Field, Default, Default, sendsCredentials: true);
        EndpointPolicy.DefaultHostsOnly.Check(Field, "https://API.electricitymap.org:443/v4", Default, sendsCredentials: true);
    }

    [Fact]
    public void Another_host_is_refused_with_the_flag_that_would_allow_it()
    {
        var error = Refused(EndpointPolicy.DefaultHostsOnly, "https://carbon.example.test/v3");

        Assert.Equal(CarbonFailure.EndpointNotAllowed, error.Failure);
        Assert.Equal("spec.electricityMaps.endpoint: the host carbon.example.test is not allowed. Tern contacts only the provider's own host "
            + "(api.electricitymap.org) unless the operator allows another: start Tern with --allow-carbon-endpoint carbon.example.test "
            + "(Helm value carbon.allowedEndpoints), or use the default endpoint.", error.Message);
    }

    [Fact]
    public void A_provider_without_a_default_host_needs_an_entry()
    {
        var error = Refused(EndpointPolicy.DefaultHostsOnly, "https://prometheus.example.test", defaultEndpoint: null, credentials: false);

        Assert.Contains("Tern contacts no server of this provider unless the operator allows another", error.Message, StringComparison.Ordinal);
        EndpointPolicy.Parse(["prometheus.example.test"]).Check(Field, "https://prometheus.example.test", null, sendsCredentials: false);
    }

    [Fact]
    public void An_allowed_host_is_allowed_on_any_port_or_only_on_the_port_named()
    {
        EndpointPolicy.Parse(["carbon.example.test"]).Check(Field, "https://carbon.example.test:8443/v3", Default, sendsCredentials: true);
        EndpointPolicy.Parse(["carbon.example.test:8443"]).Check(Field, "https://carbon.example.test:8443/v3", Default, sendsCredentials: true);

        var otherPort = Refused(EndpointPolicy.Parse(["carbon.example.test:8443"]), "https://carbon.example.test/v3");
        var otherHost = Refused(EndpointPolicy.Parse(["other.example.test"]), "https://carbon.example.test/v3");

        Assert.Equal(CarbonFailure.EndpointNotAllowed, otherPort.Failure);
        Assert.Equal(CarbonFailure.EndpointNotAllowed, otherHost.Failure);
    }

    [Theory]
    [InlineData("carbon.example.test")]
    [InlineData(null)]
    public void Plain_http_is_refused_outside_loopback_even_for_an_allowed_or_default_host(string? allowed)
    {
        var policy = EndpointPolicy.Parse(allowed is null ? [] : [allowed]);
        var endpoint = allowed is null ? "http://api.electricitymap.org/v3" : "http://carbon.example.test/v3";

        var error = Refused(policy, endpoint);

        Assert.Equal(CarbonFailure.EndpointNotAllowed, error.Failure);
        Assert.Contains("uses plain http, which Tern allows only on loopback: use https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_origin_allowed_as_http_takes_plain_http_but_never_a_credential()
    {
        var policy = EndpointPolicy.Parse(["http://prometheus.monitoring:9090"]);

        policy.Check("spec.prometheus.endpoint", "http://prometheus.monitoring:9090", null, sendsCredentials: false);
        var withToken = Refused(policy, "http://prometheus.monitoring:9090", null, credentials: true);
        var otherPort = Refused(policy, "http://prometheus.monitoring:9091", null, credentials: false);

        Assert.Contains("would send the token in clear text", withToken.Message, StringComparison.Ordinal);
        Assert.Contains("is not allowed", otherPort.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/v3")]
    [InlineData("http://localhost:8080/v3")]
    [InlineData("http://[::1]:8080/v3")]
    public void Loopback_may_use_plain_http_once_allowed(string endpoint)
    {
        var host = new Uri(endpoint).Host;
        EndpointPolicy.Parse([host]).Check(Field, endpoint, Default, sendsCredentials: true);

        Assert.Equal(CarbonFailure.EndpointNotAllowed, Refused(EndpointPolicy.DefaultHostsOnly, endpoint).Failure);
    }

    [Fact]
    public void Credentials_in_the_URL_are_refused()
    {
        var error = Refused(EndpointPolicy.Parse(["carbon.example.test"]), "https://user:hunter2@carbon.example.test/v3");

        Assert.Equal(CarbonFailure.InvalidConfiguration, error.Failure);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*.example.test")]
    [InlineData("https://carbon.example.test/v3")]
    [InlineData("http://prometheus.monitoring")]
    [InlineData("ftp://carbon.example.test")]
    [InlineData("user@carbon.example.test")]
    public void An_entry_that_is_not_a_host_is_a_format_error_naming_it(string entry)
    {
        var error = Assert.Throws<FormatException>(() => EndpointPolicy.Parse([entry]));

        Assert.StartsWith($"--allow-carbon-endpoint '{entry}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_towards_a_host_not_allowed_sends_nothing_and_reads_no_Secret()
    {
        using var server = new LoopbackServer(_ => Reply.Json("{}"));
        using var http = ProviderHttpClient.Create();
        var secrets = new CountingSecrets();
        var source = Source(new CarbonSourceSpec
        {
            Provider = CarbonProvider.ElectricityMaps,
            ElectricityMaps = new ElectricityMapsSettings { Endpoint = server.BaseUrl,
                TokenSecretRef = new() { Name = "electricitymaps", Key = "token" } },
        });
        var refresher = new CarbonRefresher(http, new CarbonSnapshotStore(), Clock(),
            Options(["us-east-1"]) with { Endpoints = EndpointPolicy.DefaultHostsOnly });

        var result = await refresher.RefreshAsync(source, secrets, default);

        Assert.Equal("EndpointNotAllowed", result.Outcome.Reason);
        Assert.Contains("--allow-carbon-endpoint 127.0.0.1", result.Outcome.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Equal(0, secrets.Reads);
    }

    private sealed class CountingSecrets : ISecretReader
    {
        private int _reads;

        public int Reads => _reads;

        public Task<string?> ReadAsync(string name, string key, CancellationToken ct)
        {
            Interlocked.Increment(ref _reads);
            return Task.FromResult<string?>("token");
        }
    }
}
