using System.Text;
using Tern.Aws.Http;
using Tern.Aws.Lambda.Client;
using Tern.Aws.Lambda.Model;
using Tern.Aws.Tests.Fixtures;
using Tern.Tests.Support.Aws;

namespace Tern.Aws.Tests.Lambda;

/// <summary>The Lambda client's wire behaviour against moto: retries, terminal failures, signing failures, Invoke.</summary>
[Collection(MotoGroup.Name)]
public sealed class LambdaClientTests(MotoServer moto) : IAsyncLifetime
{
    private const string Region = "us-east-2";

    public async Task InitializeAsync()
    {
        if (moto.SkipReason is null)
        {
            await MotoImages.SeedAsync(moto, [Region], 1);
            using var clients = moto.Clients();
            await new Tern.Aws.Lambda.FunctionCopyManager(clients.Lambda).EnsureAsync(MotoImages.Copy("client-echo", Region, 1), default);
        }
    }

    public async Task DisposeAsync()
    {
        if (moto.SkipReason is null)
        {
            await moto.ClearFaultsAsync();
        }
    }

    [SkippableFact]
    public async Task A_throttling_storm_is_retried_a_bounded_number_of_times_then_fails_as_Throttled()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var observer = new RecordingObserver();
        using var clients = moto.Clients(observer: observer, maxAttempts: 4);
        await moto.InjectAsync(new FaultRule { Method = "GET", Path = "/functions/client-echo$", Region = Region, Times = 50, Status = 429,
            Code = "TooManyRequestsException", Message = "Rate exceeded" });

        var failure = await Assert.ThrowsAsync<LambdaException>(() => clients.Lambda(Region).GetFunctionAsync("client-echo", default));

        Assert.Equal((AwsFailureKind.Throttled, "TooManyRequestsException", 429), (failure.Kind, failure.ErrorCode, (int?)failure.StatusCode));
        Assert.False(failure.IsTerminal);
        Assert.Contains("after 4 attempts", failure.Message, StringComparison.Ordinal);
        Assert.Equal(4, observer.Count("GetFunction", "throttled"));
        Assert.Equal([true, true, true, false], observer.Attempts.Select(a => a.WillRetry));
    }

    [SkippableFact]
    public async Task Server_errors_then_success_succeed_and_each_attempt_is_signed_anew()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var observer = new RecordingObserver();
        var dates = new DateRecorder();
        using var clients = moto.Clients(observer: observer, transport: dates);
        await moto.InjectAsync(new FaultRule { Method = "GET", Path = "/functions/client-echo$", Region = Region, Times = 2, Status = 503,
            Code = "ServiceException", DelayMs = 1100 });

        var function = await clients.Lambda(Region).GetFunctionAsync("client-echo", default);

        Assert.Equal("Active", function.Configuration!.State);
        Assert.Equal(["servererror", "servererror", "success"], observer.Attempts.Select(a => a.Outcome));
        // Each attempt carries its own signature: X-Amz-Date moves on because the fault held each answer 1.1 s.
        Assert.Equal(3, dates.Dates.Distinct().Count());
    }

    [SkippableFact]
    public async Task A_function_named_by_ARN_is_percent_encoded_and_verifies_with_signature_checks_on()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var clients = moto.Clients();
        var arn = $"arn:aws:lambda:{Region}:{MotoServer.AccountId}:function:client-echo";

        var function = await clients.Lambda(Region).GetFunctionAsync(arn, default);
        var tags = await clients.Lambda(Region).ListTagsAsync(arn, default);

        Assert.Equal(arn, function.Configuration!.FunctionArn);
        Assert.Equal("orders", tags.Tags!["tern.dev/workflow"]);
        Assert.Contains(await moto.RequestsAsync(), r => r.RawUri.Contains("arn%3Aaws%3Alambda", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Invoke_runs_synchronously_or_as_an_event()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var clients = moto.Clients();
        var lambda = clients.Lambda(Region);

        var sync = await lambda.InvokeAsync(new InvokeRequest { FunctionName = "client-echo", Payload = """{"order":42}"""u8.ToArray() }, default);
        var queued = await lambda.InvokeAsync(new InvokeRequest { FunctionName = "client-echo", InvocationType = InvocationType.Event,
            Payload = "{}"u8.ToArray() }, default);

        Assert.Equal(200, sync.StatusCode);
        Assert.Equal("""{"order":42}""", Encoding.UTF8.GetString(sync.Payload.Span));
        Assert.Equal(202, queued.StatusCode);
        Assert.Contains(await moto.RequestsAsync(), r => r.Path == "/2015-03-31/functions/client-echo/invocations");
    }

    [SkippableFact]
    public async Task An_Invoke_that_failed_on_the_server_is_not_run_again()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var observer = new RecordingObserver();
        using var clients = moto.Clients(observer: observer);
        await moto.InjectAsync(new FaultRule { Method = "POST", Path = "/client-echo/invocations$", Region = Region, Times = 3, Status = 500,
            Code = "ServiceException" });

        var failure = await Assert.ThrowsAsync<LambdaException>(() =>
            clients.Lambda(Region).InvokeAsync(new InvokeRequest { FunctionName = "client-echo", Payload = "{}"u8.ToArray() }, default));

        Assert.Equal(AwsFailureKind.ServerError, failure.Kind);
        Assert.Equal(1, observer.Count("Invoke"));
    }

    /// <summary>Records the X-Amz-Date of every request it passes on.</summary>
    private sealed class DateRecorder() : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly List<string> _dates = [];

        public IReadOnlyList<string> Dates
        {
            get
            {
                lock (_dates)
                {
                    return [.. _dates];
                }
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_dates)
            {
                _dates.Add(request.Headers.GetValues("X-Amz-Date").Single());
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
