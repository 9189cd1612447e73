using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Tern.Aws;
using Tern.Aws.Http;
using Xunit;

namespace Tern.Tests.Support.Aws;

/// <summary>moto_server on a free loopback port through moto_launcher.py, with signature checking on: an IAM user
/// whose inline policy is config/iam's policy (plus what only the tests need) is made while checks are off, then
/// checks are turned on. Lambda runs without Docker, and an image function needs its image in moto's ECR of its
/// region, so CodeSha256 is the image digest as on AWS. Tests that need it skip, with the reason, where python3 or
/// moto is missing.</summary>
public sealed class MotoServer : IAsyncLifetime, IDisposable
{
    public const string AccountId = "123456789012";
    public const string RoleArn = $"arn:aws:iam::{AccountId}:role/tern-function";

    private static readonly string[] TestOnlyActions =
    [
        // The tests seed moto's ECR with images and inspect moto; Tern never calls these.
        "ecr:PutImage", "iam:GetUser",
        // moto names the Invoke action after the API operation, AWS after the permission (lambda:InvokeFunction).
        "lambda:Invoke",
    ];

    private static readonly JsonSerializerOptions FaultJson =
        new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly HttpClient _plain = new() { Timeout = TimeSpan.FromSeconds(30) };
    private Process? _process;

    public string? SkipReason { get; private set; }

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1:1");

    /// <summary>The IAM user's keys; the only ones moto accepts once checks are on.</summary>
    public AwsStaticCredentials Credentials { get; private set; } = new("unset", "unset");

    public async Task InitializeAsync()
    {
        var python = Tools.Find("python3");
        if (python is null)
        {
            SkipReason = "python3 is not on PATH; the moto tests need moto_server's Python (pyenv's python3 with moto 5).";
            return;
        }
        var (probe, _) = await Tools.RunAsync(python, ["-c", "import moto.server, flask"], TimeSpan.FromSeconds(60));
        if (probe != 0)
        {
            SkipReason = $"{python} cannot import moto; install moto[server] for it to run the moto tests.";
            return;
        }
        var port = Tools.FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Aws", "moto_launcher.py"));
        start.ArgumentList.Add("127.0.0.1");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment["MOTO_LAMBDA_STUB_ECR"] = "false";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Tools.WaitUntilAsync(async () => (await _plain.GetAsync(new Uri(Endpoint, "/_faults"))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "moto_server");
        await PostAsync("/moto-api/config", """{"lambda":{"use_docker":false}}""");
        await SetUpAuthAsync();
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (_process is not null)
        {
            Tools.Stop(_process);
            _process = null;
        }
        _plain.Dispose();
    }

    /// <summary>Clients signed with the IAM user's keys (or <paramref name="credentials"/>), fast retries.</summary>
    public AwsClients Clients(AwsStaticCredentials? credentials = null, IAwsCallObserver? observer = null,
        Microsoft.Extensions.Logging.ILogger? logger = null, int maxAttempts = 4, HttpMessageHandler? transport = null) =>
        new(new AwsConfiguration
        {
            EndpointUrl = Endpoint,
            Credentials = credentials ?? Credentials,
            Retry = new AwsRetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(5),
                MaxDelay = TimeSpan.FromMilliseconds(40) },
        }, TimeProvider.System, observer, logger, transport, _ => null);

    public async Task InjectAsync(params FaultRule[] rules)
    {
        // A sized body: the launcher reads Content-Length, and JSON content would be sent chunked.
        using var content = new StringContent(JsonSerializer.Serialize(new { rules }, FaultJson), Encoding.UTF8, "application/json");
        using var response = await _plain.PostAsync(new Uri(Endpoint, "/_faults"), content);
        response.EnsureSuccessStatusCode();
    }

    public async Task<string> FaultsAsync() => await _plain.GetStringAsync(new Uri(Endpoint, "/_faults"));

    public async Task ClearFaultsAsync()
    {
        using var response = await _plain.DeleteAsync(new Uri(Endpoint, "/_faults"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Forgets the requests seen so far, so a test counts only its own.</summary>
    public async Task ClearRequestsAsync()
    {
        using var response = await _plain.DeleteAsync(new Uri(Endpoint, "/_requests"));
        response.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<SeenRequest>> RequestsAsync()
    {
        using var response = await _plain.GetAsync(new Uri(Endpoint, "/_requests"));
        var log = await response.Content.ReadFromJsonAsync<JsonElement>();
        return log.GetProperty("requests").Deserialize<List<SeenRequest>>()!;
    }

    /// <summary>Puts an image manifest into moto's ECR of <paramref name="region"/> under its real digest, standing for
    /// a push (moto does not serve the registry protocol).</summary>
    public async Task SeedImageAsync(string region, string repository, string manifest)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(manifest)));
        await EcrAsync(region, "CreateRepository", new { repositoryName = repository }, allowConflict: true);
        await EcrAsync(region, "PutImage", new { repositoryName = repository, imageManifest = manifest, imageDigest = digest }, allowConflict: true);
    }

    private async Task EcrAsync(string region, string operation, object body, bool allowConflict)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921." + operation);
        var (status, text) = await SignedAsync(request, "ecr", region, Credentials);
        if (status >= 300 && !(allowConflict && text.Contains("AlreadyExists", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"moto ECR {operation}: HTTP {status} {text}");
        }
    }

    /// <summary>An IAM user whose policy is config/iam's without <paramref name="deniedActions"/>, for tests of what
    /// Tern reports when a permission is missing. Signature checks are off while the user is made (the fixture's
    /// own user may not manage IAM); tests of one collection run one at a time, so no other request sees that.</summary>
    public async Task<AwsStaticCredentials> CreateUserAsync(string name, params string[] deniedActions)
    {
        await PostAsync("/moto-api/reset-auth", "inf");
        try
        {
            return await CreateUserAsync(name, TestPolicy(deniedActions));
        }
        finally
        {
            await PostAsync("/moto-api/reset-auth", "0");
        }
    }

    /// <summary>An IAM user whose policy is config/iam/tern-function-policy.json: what a workflow's functions may do.</summary>
    public async Task<AwsStaticCredentials> CreateFunctionUserAsync(string name)
    {
        await PostAsync("/moto-api/reset-auth", "inf");
        try
        {
            return await CreateUserAsync(name, File.ReadAllText(RepoPaths.Of("config", "iam", "tern-function-policy.json")));
        }
        finally
        {
            await PostAsync("/moto-api/reset-auth", "0");
        }
    }

    private async Task SetUpAuthAsync()
    {
        Credentials = await CreateUserAsync("tern", TestPolicy([]));
        // The tests' functions run as tern-function; the examples name tern-workflow.
        foreach (var role in new[] { "tern-function", "tern-workflow" })
        {
            await IamAsync(Bootstrap, ("Action", "CreateRole"), ("RoleName", role), ("AssumeRolePolicyDocument", TrustPolicy));
        }
        await PostAsync("/moto-api/reset-auth", "0");
    }

    private async Task<AwsStaticCredentials> CreateUserAsync(string name, string policy)
    {
        await IamAsync(Bootstrap, ("Action", "CreateUser"), ("UserName", name));
        var keys = XDocument.Parse(await IamAsync(Bootstrap, ("Action", "CreateAccessKey"), ("UserName", name)));
        string Value(string element) => keys.Descendants().First(e => e.Name.LocalName == element).Value;
        await IamAsync(Bootstrap, ("Action", "PutUserPolicy"), ("UserName", name), ("PolicyName", "tern"), ("PolicyDocument", policy));
        return new AwsStaticCredentials(Value("AccessKeyId"), Value("SecretAccessKey"));
    }

    private static readonly AwsStaticCredentials Bootstrap = new("AKIABOOTSTRAP0000000", "bootstrap-secret");

    private const string TrustPolicy =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Act""" +
        """ion":"sts:AssumeRole"}]}""";

    private static string TestPolicy(IReadOnlyCollection<string> deniedActions)
    {
        var policy = JsonNode.Parse(File.ReadAllText(RepoPaths.Of("config", "iam", "tern-policy.json")))!;
        var statements = policy["Statement"]!.AsArray().Select(s => s!.DeepClone()).ToList<object>();
        foreach (var statement in statements.Cast<JsonNode>())
        {
            var kept = statement["Action"]!.AsArray().Select(a => a!.GetValue<string>()).Where(a => !deniedActions.Contains(a)).ToArray();
            statement["Action"] = new JsonArray([.. kept.Select(a => JsonValue.Create(a))]);
        }
        statements.Add(new { Sid = "TestsOnly", Effect = "Allow", Action = TestOnlyActions, Resource = "*" });
        return JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = statements });
    }

    private async Task<string> IamAsync(AwsStaticCredentials credentials, params (string Name, string Value)[] parameters)
    {
        var form = parameters.Append(("Version", "2010-05-08")).Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2));
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new FormUrlEncodedContent(form) };
        var (status, text) = await SignedAsync(request, "iam", "us-east-1", credentials);
        if (status >= 300)
        {
            throw new InvalidOperationException($"moto IAM {parameters[0].Value}: HTTP {status} {text}");
        }
        return text;
    }

    private static async Task<(int Status, string Body)> SignedAsync(HttpRequestMessage request, string service, string region,
        AwsStaticCredentials credentials)
    {
        using var signer = new SigV4SigningHandler(new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey),
            RegionEndpoint.GetBySystemName(region), service, new SocketsHttpHandler());
        using var client = new HttpClient(signer);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task PostAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _plain.PostAsync(new Uri(Endpoint, path), content);
        response.EnsureSuccessStatusCode();
    }
}
