using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Tern.Aws.Tests.Http;

/// <summary>AWS's SigV4 test vectors through the signing path Tern's clients use: AWSSDK.Core's SigV4SigningHandler
/// (with SignedAt fixed) in front of a transport that captures the signed request.
///
/// AWSSDK.Core always signs an x-amz-content-sha256 header, which most vectors do not. For those, the expected
/// signature is derived from the vector's own canonical request with that one header added; the derivation is
/// first checked to reproduce the vector's string to sign and signature unchanged, so it is anchored to the
/// vectors. Vectors that sign the body are compared with the vector's Authorization header as it stands.</summary>
public sealed class SigV4VectorTests
{
    private static readonly string Suite = Path.Combine(FindShared(), "data", "sigv4", "aws-c-auth", "aws-signing-test-suite", "v4");

    /// <summary>Vectors left out, each with why it does not apply to the requests Tern sends. The "-unnormalized"
    /// cases are S3's (no path normalisation), and .NET's Uri normalises dot segments before any signer sees them.</summary>
    private static readonly Dictionary<string, string> NotApplicable = new(StringComparer.Ordinal)
    {
        ["post-sts-header-after"] = "adds the session token after signing; AWSSDK.Core always signs it",
        ["get-header-value-multiline"] = "a header folded over several lines cannot be sent by HttpClient",
        ["get-space-normalized"] = "the vector encodes a raw path once; services but S3 sign the (encoded) wire path encoded again",
        ["get-utf8"] = "the vector encodes a raw path once; services but S3 sign the (encoded) wire path encoded again",
        ["get-slash-normalized"] = "empty path segments, which AWSSDK.Core signs as sent; Tern sends none",
        ["get-slashes-normalized"] = "empty path segments, which AWSSDK.Core signs as sent; Tern sends none",
        ["get-header-value-order"] = "a repeated header, whose values HttpClient joins in its own way; Tern repeats no header",
        ["get-header-key-duplicate"] = "a repeated header, whose values HttpClient joins in its own way; Tern repeats no header",
        ["get-vanilla-query-order-encoded"] = "a non-ASCII query name, which AWSSDK.Core sorts decoded; Tern's query names are ASCII",
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(Suite))
        {
            foreach (var name in Directory.GetDirectories(Suite).Select(Path.GetFileName).Order())
            {
                if (!name!.EndsWith("-unnormalized", StringComparison.Ordinal) && !NotApplicable.ContainsKey(name))
                {
                    data.Add(name);
                }
            }
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task The_vector_signs_as_published_through_the_SDK_signing_handler(string name)
    {
        var directory = Path.Combine(Suite, name);
        using var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "context.json")));
        var credentials = context.RootElement.GetProperty("credentials");
        var secret = credentials.GetProperty("secret_access_key").GetString()!;
        var token = credentials.TryGetProperty("token", out var t) ? t.GetString() : null;
        var signedAt = DateTime.Parse(context.RootElement.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var signBody = context.RootElement.GetProperty("sign_body").GetBoolean();
        var canonical = File.ReadAllText(Path.Combine(directory, "header-canonical-request.txt"));
        AnchorOracle(directory, canonical, secret);

        var actual = await SignAsync(File.ReadAllText(Path.Combine(directory, "request.txt")), credentials.GetProperty("access_key_id").GetString()!,
            secret, token, signedAt);

        var expected = signBody
            ? File.ReadAllLines(Path.Combine(directory, "header-signed-request.txt"))
                .Single(l => l.StartsWith("Authorization:", StringComparison.Ordinal))["Authorization:".Length..]
            : Authorization(WithContentSha256(canonical), secret);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_suite_is_where_the_tests_expect_it()
    {
        Assert.True(Directory.Exists(Suite), $"SigV4 vectors not found at {Suite}");
        Assert.True(Cases().Count >= 20);
    }

    /// <summary>The oracle must reproduce the vector's own string to sign and signature before it may judge.</summary>
    private static void AnchorOracle(string directory, string canonical, string secret)
    {
        Assert.Equal(File.ReadAllText(Path.Combine(directory, "header-string-to-sign.txt")), StringToSign(canonical));
        Assert.Equal(File.ReadAllText(Path.Combine(directory, "header-signature.txt")).Trim(), Signature(StringToSign(canonical), secret));
    }

    private static async Task<string> SignAsync(string raw, string accessKey, string secret, string? token, DateTime signedAt)
    {
        var (head, body) = raw.IndexOf("\n\n", StringComparison.Ordinal) is var split and >= 0 ? (raw[..split], raw[(split + 2)..]) : (raw, null);
        var lines = head.Split('\n');
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("https://example.amazonaws.com" + target));
        if (!string.IsNullOrEmpty(body))
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? ""));
        }
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (header, value) = (line[..colon], line[(colon + 1)..]);
            if (header.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (header.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content!.Headers.TryAddWithoutValidation(header, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }
        }
        AWSCredentials credentials = token is null ? new BasicAWSCredentials(accessKey, secret) : new SessionAWSCredentials(accessKey, secret, token);
        var parameters = new AWSSigV4Parameters { Credentials = credentials, Region = RegionEndpoint.USEast1, Service = "service",
            SignedAt = signedAt };
        var capture = new Capture();
        using var signer = new SigV4SigningHandler(parameters, capture);
        using var client = new HttpClient(signer);
        using var _ = await client.SendAsync(request);
        return capture.Authorization!;
    }

    private static string WithContentSha256(string canonical)
    {
        var lines = canonical.Split('\n').ToList();
        var payloadHash = lines[^1];
        var blank = lines.IndexOf("", 3);
        var headers = lines.GetRange(3, blank - 3).Append($"x-amz-content-sha256:{payloadHash}")
            .OrderBy(h => h[..h.IndexOf(':', StringComparison.Ordinal)], StringComparer.Ordinal);
        var signed = string.Join(';', lines[blank + 1].Split(';').Append("x-amz-content-sha256").Order(StringComparer.Ordinal));
        return string.Join('\n', lines.Take(3).Concat(headers).Append("").Append(signed).Append(payloadHash));
    }

    private static string Authorization(string canonical, string secret)
    {
        var signed = canonical.Split('\n')[^2];
        return $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signed}, " +
               $"Signature={Signature(StringToSign(canonical), secret)}";
    }

    private static string StringToSign(string canonical) =>
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n" +
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static string Signature(string stringToSign, string secret)
    {
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in new[] { "20150830", "us-east-1", "service", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string FindShared()
    {
        for (var directory = new DirectoryInfo(Fixtures.RepoPaths.Root); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "data", "sigv4")))
            {
                return candidate;
            }
        }
        return Path.Combine(Fixtures.RepoPaths.Root, "..", "shared");
    }

    private sealed class Capture : HttpMessageHandler
    {
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(',', values) : null;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
