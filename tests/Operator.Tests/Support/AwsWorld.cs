using Tern.Aws;
using Tern.Aws.Http;
using Tern.Aws.Placement;
using Tern.Tests.Support.Aws;

namespace Tern.Operator.Tests.Support;

/// <summary>What the operator's AWS tests run against, all on loopback: moto with signature checking on, and an ECR
/// stand-in (a docker-registry behind a mirroring proxy) for every region the examples may use. The examples' images
/// are pushed to the home region's registry with skopeo: tag 1.0 of every example, and a rebuilt 2.0 of
/// dna-visualization. The placement table exists in the home region.</summary>
public sealed class AwsWorld : IAsyncLifetime
{
    public const string HomeRegion = "us-east-1";
    public const string Repository = "tern-examples/dna-visualization";

    /// <summary>The execution role the examples name (moto checks that a function's role exists).</summary>
    public const string WorkflowRole = $"arn:aws:iam::{MotoServer.AccountId}:role/tern-workflow";

    private static readonly string[] Regions = ["us-east-1", "us-west-1", "us-west-2", "ca-central-1", "eu-north-1"];
    private static readonly string[] Examples = ["dna-visualization", "image-processing", "text-2-speech-censoring", "video-analytics"];

    private readonly string _work = Path.Combine(Path.GetTempPath(), $"tern-aws-world-{Guid.NewGuid():N}");
    private readonly Dictionary<string, EcrStandIn> _registries = new(StringComparer.Ordinal);

    public MotoServer Moto { get; } = new();

    public string? SkipReason { get; private set; }

    /// <summary>Region → its ECR stand-in.</summary>
    internal IReadOnlyDictionary<string, EcrStandIn> Registries => _registries;

    /// <summary>Every --registry-url value.</summary>
    public IReadOnlyList<string> RegistryUrls => [.. _registries.Values.Select(r => $"{r.Region}=http://{r.Host}")];

    /// <summary>The images of tag 1.0 and 2.0.</summary>
    public OciLayout Version1 { get; private set; } = null!;

    public OciLayout Version2 { get; private set; } = null!;

    /// <summary>An image of the home region's ECR, as a workflow names it.</summary>
    public static string Image(string repository, string tag) =>
        $"{MotoServer.AccountId}.dkr.ecr.{HomeRegion}.amazonaws.com/{repository}:{tag}";

    public async Task InitializeAsync()
    {
        await Moto.InitializeAsync();
        var skopeo = Tools.Find("skopeo");
        SkipReason = Moto.SkipReason ?? (DockerRegistry.Binary is null || skopeo is null
            ? "docker-registry and skopeo (Debian packages docker-registry, skopeo) are needed; test.sh installs them."
            : null);
        if (SkipReason is not null)
        {
            return;
        }
        var started = await Task.WhenAll(Regions.Select(r => EcrStandIn.StartAsync(r, Moto, Path.Combine(_work, r))));
        foreach (var registry in started)
        {
            _registries[registry.Region] = registry;
        }
        Version1 = OciLayout.Write(Path.Combine(_work, "v1"));
        Version2 = OciLayout.Write(Path.Combine(_work, "v2"), variant: " rebuilt");
        var home = _registries[HomeRegion].Host;
        foreach (var example in Examples)
        {
            await PushAsync(skopeo!, Version1, $"{home}/tern-examples/{example}:1.0");
        }
        await PushAsync(skopeo!, Version2, $"{home}/{Repository}:2.0");
        using var clients = Clients();
        await new TernTables(clients, HomeRegion) { PollInterval = TimeSpan.FromMilliseconds(100) }.EnsureAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var registry in _registries.Values)
        {
            await registry.DisposeAsync();
        }
        await Moto.DisposeAsync();
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    /// <summary>Clients as the operator makes them from --aws-endpoint-url and --registry-url, with the moto user's keys
    /// (or <paramref name="credentials"/>) and short retries.</summary>
    public AwsClients Clients(AwsStaticCredentials? credentials = null, IAwsCallObserver? observer = null, int maxAttempts = 4) =>
        new(AwsConfiguration.Create(Moto.Endpoint.ToString(), RegistryUrls) with
        {
            Credentials = credentials ?? Moto.Credentials,
            Retry = new AwsRetryOptions { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(5),
                MaxDelay = TimeSpan.FromMilliseconds(40) },
        }, TimeProvider.System, observer, environment: _ => null);

    /// <summary>The environment a `tern` child process needs to reach moto as the test user, and nothing of this machine's.</summary>
    public IReadOnlyDictionary<string, string> ChildEnvironment(AwsStaticCredentials? credentials = null) => new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = (credentials ?? Moto.Credentials).AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = (credentials ?? Moto.Credentials).SecretAccessKey,
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_REGION"] = HomeRegion,
    };

    /// <summary>Pushes <paramref name="image"/> as <paramref name="repository"/>:<paramref name="tag"/> to the home region's
    /// registry (a repository of a test's own starts with nothing copied anywhere).</summary>
    public Task PushAsync(OciLayout image, string repository, string tag) =>
        PushAsync(Tools.Find("skopeo")!, image, $"{_registries[HomeRegion].Host}/{repository}:{tag}");

    private static async Task PushAsync(string skopeo, OciLayout image, string target)
    {
        var (exit, output) = await Tools.RunAsync(skopeo,
            ["copy", "--all", "--preserve-digests", "--dest-tls-verify=false", "-q", $"oci:{image.Directory}:{OciLayout.Tag}", $"docker://{target}"],
            TimeSpan.FromSeconds(120));
        if (exit != 0)
        {
            throw new InvalidOperationException($"skopeo could not push {target}: {output}");
        }
    }
}
