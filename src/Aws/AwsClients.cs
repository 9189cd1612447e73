using System.Collections.Concurrent;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tern.Aws.Ecr.Client;
using Tern.Aws.Http;
using Tern.Aws.Lambda.Client;

namespace Tern.Aws;

/// <summary>Builds the per-region clients of every service from one configuration, as the SDK's client factories
/// do: one signing pipeline per service over one shared connection pool, clients cached per region.</summary>
public sealed class AwsClients : IDisposable
{
    private readonly AWSCredentials _credentials;
    private readonly HttpMessageHandler _transport;
    private readonly bool _ownsTransport;
    private readonly AwsContext _context;
    private readonly HttpClient _lambdaHttp;
    private readonly HttpClient _ecrHttp;
    private readonly ConcurrentDictionary<string, ILambdaClient> _lambda = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IEcrClient> _ecr = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AmazonDynamoDBClient> _dynamoDb = new(StringComparer.Ordinal);

    /// <param name="configuration">Endpoints, credentials and retries.</param>
    /// <param name="time">The clock for backoff and timeouts.</param>
    /// <param name="observer">Told about every attempt (for metrics).</param>
    /// <param name="logger">Where retries are logged.</param>
    /// <param name="transport">The handler under the signing handler; tests pass a counting or failing one. Not disposed.</param>
    /// <param name="environment">Reads environment variables (AWS_ENDPOINT_URL…); tests pass their own.</param>
    public AwsClients(AwsConfiguration configuration, TimeProvider? time = null, IAwsCallObserver? observer = null, ILogger? logger = null,
        HttpMessageHandler? transport = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        Endpoints = new AwsEndpoints(configuration.EndpointUrl, environment);
        _credentials = AwsCredentialSource.Create(configuration.Credentials);
        _ownsTransport = transport is null;
        _transport = transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _context = new AwsContext(time ?? TimeProvider.System, configuration.Retry, observer ?? NoAwsCallObserver.Instance,
            logger ?? NullLogger.Instance);
        _lambdaHttp = Signed(AwsService.Lambda);
        _ecrHttp = Signed(AwsService.Ecr);
        Registries = new HttpClient(_transport, disposeHandler: false);
    }

    public AwsConfiguration Configuration { get; }

    /// <summary>Where each service of each region is reached.</summary>
    public AwsEndpoints Endpoints { get; }

    /// <summary>An unsigned client over the same transport, for the registry HTTP API.</summary>
    public HttpClient Registries { get; }

    internal AwsContext Context => _context;

    /// <summary>The Lambda client of <paramref name="region"/>.</summary>
    public ILambdaClient Lambda(string region) => _lambda.GetOrAdd(region, r =>
        new LambdaClient(new AwsHttp(_lambdaHttp, AwsService.Lambda, Endpoints, _context,
            (message, failure, inner) => new LambdaException(message, failure, inner), "Lambda"), r));

    /// <summary>The ECR API client of <paramref name="region"/>.</summary>
    public IEcrClient Ecr(string region) => _ecr.GetOrAdd(region, r =>
        new EcrClient(new AwsHttp(_ecrHttp, AwsService.Ecr, Endpoints, _context,
            (message, failure, inner) => new EcrException(message, failure, inner), "ECR"), r));

    /// <summary>The official DynamoDB client of <paramref name="region"/>, pointed at the same endpoint override.</summary>
    public IAmazonDynamoDB DynamoDb(string region) => _dynamoDb.GetOrAdd(region, r =>
    {
        var config = new AmazonDynamoDBConfig
        {
            MaxErrorRetry = Math.Max(0, _context.Retry.MaxAttempts - 1),
            Timeout = _context.Retry.AttemptTimeout,
        };
        if (Endpoints.IsOverridden(AwsService.DynamoDb))
        {
            // ServiceURL excludes RegionEndpoint, so the signing region must be named separately.
            config.ServiceURL = Endpoints.Resolve(AwsService.DynamoDb, r).ToString();
            config.AuthenticationRegion = r;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(r);
        }
        if (!_ownsTransport)
        {
            config.HttpClientFactory = new TransportFactory(_transport);
        }
        return new AmazonDynamoDBClient(_credentials, config);
    });

    public void Dispose()
    {
        foreach (var client in _dynamoDb.Values)
        {
            client.Dispose();
        }
        _lambdaHttp.Dispose();
        _ecrHttp.Dispose();
        Registries.Dispose();
        if (_ownsTransport)
        {
            _transport.Dispose();
        }
    }

    // The signing handlers hold nothing but the shared transport, which Dispose releases once; disposing them too
    // would dispose the transport several times.
    private HttpClient Signed(AwsService service) =>
        new(new SigV4SigningHandler(_credentials, RegionEndpoint.USEast1, service.SigningName, _transport), disposeHandler: false);

    /// <summary>Lets the official SDK client send through a caller's transport (tests count and fail requests).</summary>
    private sealed class TransportFactory(HttpMessageHandler transport) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(transport, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
