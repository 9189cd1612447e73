using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Tern.Footprint.Power;

/// <summary>The Prometheus HTTP API's <c>/api/v1/query_range</c>, as Prometheus and VictoriaMetrics serve it. A long
/// window is asked for in pieces, since Prometheus refuses more than 11 000 points per series.</summary>
public sealed class QueryRangeClient(HttpClient http, Uri baseUri)
{
    /// <summary>The resolution of every query: the step the method integrates at.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    private const int MaxPointsPerRequest = 10_000;

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public Uri BaseUri { get; } = baseUri;

    /// <summary>Every series the expression returns over [<paramref name="from"/>, <paramref name="to"/>], with the start
    /// floored and the end ceiled to <see cref="Step"/>, and their samples in time order.</summary>
    /// <exception cref="FootprintInputException">The store cannot be reached, refuses the query or answers in another form.</exception>
    public async Task<IReadOnlyList<QuerySeries>> QueryAsync(string expression, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var start = Floor(from);
        var end = Ceiling(to);
        var series = new Dictionary<string, (IReadOnlyDictionary<string, string> Labels, List<(DateTimeOffset, double)> Samples)>(
            StringComparer.Ordinal);
        var chunk = Step * MaxPointsPerRequest;
        for (var pieceStart = start; pieceStart <= end; pieceStart += chunk + Step)
        {
            var pieceEnd = pieceStart + chunk < end ? pieceStart + chunk : end;
            foreach (var (labels, samples) in await QueryPieceAsync(expression, pieceStart, pieceEnd, ct).ConfigureAwait(false))
            {
                var key = string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
                if (!series.TryGetValue(key, out var known))
                {
                    series[key] = known = (labels, []);
                }
                known.Samples.AddRange(samples);
            }
        }
        return [.. series.Values.Select(s => new QuerySeries(s.Labels, s.Samples))];
    }

    /// <summary><paramref name="time"/> rounded down to a whole <see cref="Step"/> since the Unix epoch.</summary>
    public static DateTimeOffset Floor(DateTimeOffset time)
    {
        var milliseconds = time.ToUnixTimeMilliseconds();
        var step = (long)Step.TotalMilliseconds;
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds - (((milliseconds % step) + step) % step));
    }

    /// <summary><paramref name="time"/> rounded up to a whole <see cref="Step"/> since the Unix epoch.</summary>
    public static DateTimeOffset Ceiling(DateTimeOffset time)
    {
        var floor = Floor(time);
        return floor == time ? floor : floor + Step;
    }

    private async Task<List<(IReadOnlyDictionary<string, string>, List<(DateTimeOffset, double)>)>> QueryPieceAsync(string expression,
        DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var uri = new Uri(BaseUri.AbsoluteUri.TrimEnd('/') + "/api/v1/query_range");
        using var content = new FormUrlEncodedContent(
        [
            KeyValuePair.Create("query", expression),
            KeyValuePair.Create("start", start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            KeyValuePair.Create("end", end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            KeyValuePair.Create("step", $"{Step.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"),
        ]);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        string body;
        System.Net.HttpStatusCode status;
        try
        {
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new FootprintInputException($"cannot reach the power store at {BaseUri}: {e.Message}; check --power-url and that the " +
                "store is running.", e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new FootprintInputException($"the power store at {BaseUri} did not answer within {Timeout.TotalSeconds:0} s; check " +
                "--power-url, or ask for fewer jobs at a time.", e);
        }
        return Parse(body, (int)status, expression);
    }

    private List<(IReadOnlyDictionary<string, string>, List<(DateTimeOffset, double)>)> Parse(string body, int status, string expression)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new FootprintInputException($"the power store at {BaseUri} answered HTTP {status} with a body that is not the Prometheus " +
                "HTTP API's JSON; --power-url must be the base URL of Prometheus or VictoriaMetrics (the part before /api/v1).", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var state) || state.GetString() != "success")
            {
                var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e.GetString() : null;
                throw new FootprintInputException($"the power store at {BaseUri} refused the query {expression} (HTTP {status}): " +
                    $"{error ?? "no reason given"}; check --power-query.");
            }
            if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("result", out var result)
                || data.GetProperty("resultType").GetString() != "matrix")
            {
                throw new FootprintInputException($"the power store at {BaseUri} did not answer the range query {expression} with a matrix; " +
                    "--power-query must be an expression whose value is a series (watts, or joules with --kepler).");
            }
            var series = new List<(IReadOnlyDictionary<string, string>, List<(DateTimeOffset, double)>)>();
            foreach (var item in result.EnumerateArray())
            {
                var labels = item.TryGetProperty("metric", out var metric)
                    ? metric.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal)
                    : [];
                var samples = new List<(DateTimeOffset, double)>();
                foreach (var pair in item.GetProperty("values").EnumerateArray())
                {
                    var seconds = pair[0].GetDouble();
                    var text = pair[1].GetString() ?? "NaN";
                    var value = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN;
                    samples.Add((DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)), value));
                }
                series.Add((labels, samples));
            }
            return series;
        }
    }
}

/// <summary>One series of a range query: its labels and its samples in time order (NaN where the store said so).</summary>
public sealed record QuerySeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset Time, double Value)> Samples);
