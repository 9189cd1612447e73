using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tern.Entities.CarbonSources;
using Tern.Entities.Regions;
using Tern.Carbon;
using Tern.Carbon.Http;
using Tern.Manifests;
using Tern.Planning.BundledData;
using Tern.Carbon.Bundled;

namespace Tern.Operator.Cli;

/// <summary>`tern carbon show`: refreshes a CarbonSource once, without a cluster, and prints each region's 24-hour
/// profile. With no manifest it shows the bundled static data.</summary>
internal static class CarbonCommand
{
    public static readonly IReadOnlyList<ExitCodeMeaning> ExitCodes =
    [
        new(Cli.ExitCodes.Success, "every CarbonSource was refreshed and shown"),
        new(Cli.ExitCodes.Failed, "an invalid manifest, no CarbonSource in the path, or a source that returned no usable data"),
        new(Cli.ExitCodes.Usage, "usage: a path that does not exist, an unknown option or a bad value"),
    ];

    public static Command Create()
    {
        var path = new Argument<string?>("carbonsource") { Description = "A CarbonSource manifest or a directory of them (default: the bundled " +
            "static data).", Arity = ArgumentArity.ZeroOrOne };
        var at = new Option<string?>("--at") { Description = "Show the profile as of this UTC date/time (default: now; 2023-07-01 for the bundled " +
            "data)." };
        var output = new Option<string>("--output", "-o") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        ValueParsers.AcceptOnly(output, "table", "json");
        var secrets = new Option<string[]>("--secret") { Description = "A Secret key the CarbonSource names, as name/key=value (repeatable). Else " +
            "TERN_SECRET_<NAME>_<KEY> is read from the environment.", AllowMultipleArgumentsPerToken = false };
        var configMaps = new Option<string[]>("--config-map") { Description = "A ConfigMap key the Static provider names, as name/key=<csv file> " +
            "(repeatable)." };
        var allowEndpoints = CarbonEndpointOption.Create();
        var show = new Command("show", "Fetch a CarbonSource's data once and print the 24-hour profile per region.")
        {
            path, at, output, secrets, configMaps, allowEndpoints,
        };
        show.SetAction(async (result, ct) =>
        {
            var config = result.InvocationConfiguration;
            var reader = new CliSecretReader(ParsePairs(result.GetValue(secrets) ?? [], "--secret"), Environment.GetEnvironmentVariable);
            var files = new CliConfigMapReader(ParsePairs(result.GetValue(configMaps) ?? [], "--config-map"));
            var sources = Sources(result.GetValue(path));
            var atTime = ParseAt(result.GetValue(at));
            if (!CarbonEndpointOption.TryParse(result, allowEndpoints, out var endpoints, out var endpointError))
            {
                throw new UsageException(endpointError);
            }
            var failed = false;
            var documents = new JsonArray();
            using var http = ProviderHttpClient.Create();
            foreach (var (source, bundled) in sources)
            {
                var clock = atTime is { } fixedAt ? new FixedTimeProvider(fixedAt)
                    : bundled ? new FixedTimeProvider(StaticCarbonSnapshot.DefaultAt) : TimeProvider.System;
                var options = new CarbonRefresherOptions { ConfigMaps = files, Endpoints = endpoints };
                var refresher = new CarbonRefresher(http, new CarbonSnapshotStore(), clock, options);
                var refreshed = await refresher.RefreshAsync(source, reader, ct).ConfigureAwait(false);
                failed |= refreshed.Snapshot is null;
                if (result.GetValue(output) == "json")
                {
                    documents.Add(CarbonShowView.Json(source, refreshed));
                }
                else
                {
                    await config.Output.WriteAsync(CarbonShowView.Table(source, refreshed)).ConfigureAwait(false);
                }
            }
            if (result.GetValue(output) == "json")
            {
                await config.Output.WriteLineAsync(documents.ToJsonString(new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
            }
            return failed ? Cli.ExitCodes.Failed : Cli.ExitCodes.Success;
        });
        return new Command("carbon", "Look at carbon data without a cluster.") { show };
    }

    private static List<(CarbonSource Source, bool Bundled)> Sources(string? path)
    {
        if (path is null)
        {
            var source = new CarbonSource { Metadata = new() { Name = "bundled" }, Spec = new CarbonSourceSpec { Provider = CarbonProvider.Static } };
            return [(source, true)];
        }
        return [.. ManifestFiles.Read<CarbonSource>(path, "a CarbonSource manifest")
            .Select(s => (s, s.Spec.Provider == CarbonProvider.Static && s.Spec.Static?.ConfigMapRef is null))];
    }

    private static Dictionary<(string Name, string Key), string> ParsePairs(string[] values, string option)
    {
        var pairs = new Dictionary<(string, string), string>();
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            var slash = equals < 0 ? -1 : value.LastIndexOf('/', equals);
            if (slash <= 0 || equals <= slash + 1)
            {
                throw new UsageException($"{option} '{value}' is not name/key=value, for example {option} electricitymaps/token=abc.");
            }
            pairs[(value[..slash], value[(slash + 1)..equals])] = value[(equals + 1)..];
        }
        return pairs;
    }

    private static DateTimeOffset? ParseAt(string? at) =>
        at is null ? null
        : DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var parsed) ? parsed
        : throw new UsageException($"--at '{at}' is not a date; write it like 2023-06-15 or 2023-06-15T12:00Z.");

    /// <summary>A clock stopped at one instant, so --at shows the profile of that moment.</summary>
    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Secrets from --secret, else from TERN_SECRET_&lt;NAME&gt;_&lt;KEY&gt; (upper case, other characters as '_').</summary>
    private sealed class CliSecretReader(Dictionary<(string Name, string Key), string> given, Func<string, string?> environment) : ISecretReader
    {
        public Task<string?> ReadAsync(string name, string key, CancellationToken ct) =>
            Task.FromResult(given.TryGetValue((name, key), out var value) ? value : environment(Variable(name, key)));

        public static string Variable(string name, string key) =>
            "TERN_SECRET_" + new string($"{name}_{key}".Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray());
    }

    /// <summary>ConfigMap keys from --config-map name/key=file.</summary>
    private sealed class CliConfigMapReader(Dictionary<(string Name, string Key), string> files) : IConfigMapReader
    {
        public async Task<string?> ReadAsync(string name, string key, CancellationToken ct)
        {
            if (!files.TryGetValue((name, key), out var file))
            {
                return null;
            }
            return File.Exists(file) ? await File.ReadAllTextAsync(file, ct).ConfigureAwait(false)
                : throw new UsageException($"--config-map {name}/{key}={file}: no such file.");
        }
    }
}
