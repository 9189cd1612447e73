using Tern.Aws.Ecr.Client;
using Tern.Aws.Http;
using Tern.Aws.Lambda.Client;
using Tern.Aws.Placement;
using Tern.Aws.Tests.Fixtures;
using Tern.Tests.Support.Aws;

namespace Tern.Aws.Tests.Http;

/// <summary>Wrong or foreign credentials against moto with signature checking on: a clear AccessDenied-kind error,
/// and no secret or token in any message, log line or call record.</summary>
[Collection(MotoGroup.Name)]
public sealed class SecretHygieneTests(MotoServer moto)
{
    private const string WrongSecret = "wrong/Secret+Key0123456789abcdefEXAMPLE1";
    private const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN0123456789";

    [SkippableFact]
    public async Task A_wrong_secret_is_AccessDenied_with_the_services_message_and_the_secret_appears_nowhere()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var observer = new RecordingObserver();
        var logger = new RecordingLogger();
        using var clients = moto.Clients(new AwsStaticCredentials(moto.Credentials.AccessKeyId, WrongSecret), observer, logger);

        var lambda = await Assert.ThrowsAsync<LambdaException>(() => clients.Lambda("eu-west-1").GetFunctionAsync("anything", default));
        var ecr = await Assert.ThrowsAsync<EcrException>(() => clients.Ecr("eu-west-1").GetAuthorizationTokenAsync(default));
        var dynamo = await Assert.ThrowsAsync<PlacementException>(() => new PlacementStore(clients, "eu-west-1").GetAsync("a", "b", true, default));

        foreach (var failure in new AwsServiceException[] { lambda, ecr, dynamo })
        {
            Assert.Equal(AwsFailureKind.AccessDenied, failure.Kind);
            Assert.True(failure.IsTerminal);
            Assert.Contains("SignatureDoesNotMatch", failure.Message, StringComparison.Ordinal);
            Assert.Equal(403, (int?)failure.StatusCode);
        }
        Assert.Contains("config/iam", lambda.Message, StringComparison.Ordinal);
        AssertNowhere(WrongSecret, [lambda, ecr, dynamo], observer, logger);
        AssertNowhere(moto.Credentials.SecretAccessKey, [lambda, ecr, dynamo], observer, logger);
    }

    [SkippableFact]
    public async Task An_unknown_session_token_is_refused_and_the_token_appears_nowhere()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var observer = new RecordingObserver();
        var logger = new RecordingLogger();
        using var clients = moto.Clients(new AwsStaticCredentials("ASIAEXAMPLESESSION01", WrongSecret, SessionToken), observer, logger);

        var failure = await Assert.ThrowsAsync<LambdaException>(() => clients.Lambda("eu-west-1").GetFunctionAsync("anything", default));

        Assert.Equal(AwsFailureKind.AccessDenied, failure.Kind);
        AssertNowhere(SessionToken, [failure], observer, logger);
        AssertNowhere(WrongSecret, [failure], observer, logger);
    }

    private static void AssertNowhere(string secret, IEnumerable<Exception> failures, RecordingObserver observer, RecordingLogger logger)
    {
        var everything = string.Join('\n',
            failures.Select(f => f.ToString()).Concat(logger.Lines).Concat(observer.Attempts.Select(a => a.ToString())));
        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(secret), everything, StringComparison.Ordinal);
    }
}
