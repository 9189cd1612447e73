using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Tern.Aws.Http;

/// <summary>Where signing credentials come from: the explicit ones when given, else AWSSDK.Core's default chain
/// (environment, IRSA web identity, shared profile, container / EKS Pod Identity, instance metadata).</summary>
internal static class AwsCredentialSource
{
    public static AWSCredentials Create(AwsStaticCredentials? credentials) => credentials switch
    {
        null => new DefaultChainCredentials(),
        { SessionToken: { } token } => new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, token),
        _ => new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey),
    };
}

/// <summary>Resolves the default chain on first use rather than at start-up, so an operator without AWS access can
/// still start (and say why each AWS call fails), and refreshing credentials (IRSA, Pod Identity) stay fresh because
/// the SDK's resolver caches and refreshes them itself.</summary>
internal sealed class DefaultChainCredentials : AWSCredentials
{
    public override ImmutableCredentials GetCredentials()
    {
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(null!).GetCredentials();
        }
        catch (AmazonClientException e)
        {
            throw new MissingCredentialsException(e);
        }
    }

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        try
        {
            var credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null!).ConfigureAwait(false);
            return await credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            throw new MissingCredentialsException(e);
        }
    }
}

/// <summary>No credentials could be found; the message says where Tern looked.</summary>
internal sealed class MissingCredentialsException : Exception
{
    public const string Advice =
        "No AWS credentials were found. Give Tern credentials in one of the ways the AWS SDKs read: " +
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a shared profile (AWS_PROFILE), IRSA (the service account's " +
        "eks.amazonaws.com/role-arn annotation), EKS Pod Identity, or an instance role.";

    public MissingCredentialsException()
        : base(Advice)
    {
    }

    public MissingCredentialsException(string message)
        : base(message)
    {
    }

    public MissingCredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MissingCredentialsException(Exception innerException)
        : base(Advice, innerException)
    {
    }
}
