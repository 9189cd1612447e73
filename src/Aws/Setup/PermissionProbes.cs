using Amazon;
using Tern.Aws.Ecr.Client;
using Tern.Aws.Ecr.Model;
using Tern.Aws.Http;
using Tern.Aws.Lambda.Client;
using Tern.Aws.Lambda.Model;
using Tern.Aws.Placement;
using Tern.Aws.Registry;

namespace Tern.Aws.Setup;

/// <summary>Finds out, without changing anything, which of the Lambda and ECR actions the operator calls the
/// credentials are allowed. Each probe names a function or repository that does not exist: AWS authorises a request
/// before it looks the resource up, so an allowed action answers "not found" and a denied one "access denied". A probe
/// whose target exists after all is skipped rather than run, and the actions that cannot be tried without creating
/// something are reported as not checked. The DynamoDB item actions are probed by <see cref="TernTables"/>.</summary>
public sealed class PermissionProbes(AwsClients clients, string region)
{
    /// <summary>The function and repository name the probes use. It ends in no region, so no Tern copy has it.</summary>
    public const string ProbeName = "tern-setup-permission-probe";

    private const string CreatesSomething = "cannot be tried without creating something; the first deployment shows it";

    /// <summary>The actions no probe can try harmlessly.</summary>
    public static IReadOnlyList<UncheckedAction> AlwaysUnchecked { get; } =
    [
        new(LambdaOperations.CreateFunction.IamAction, CreatesSomething),
        new(LambdaOperations.PassRoleAction, "is checked by Lambda only when a function is created or reconfigured with the role"),
        new(EcrOperations.CreateRepository.IamAction, CreatesSomething),
        new("ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:PutImage", "push an image; " + CreatesSomething),
        new("ecr:BatchGetImage, ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer",
            "pull an image through the registry protocol, which needs an image to pull; the first image copy shows them"),
    ];

    /// <summary>Runs every probe.</summary>
    /// <exception cref="AwsServiceException">A probe failed for another reason than a permission (throttling, network).</exception>
    public async Task<PermissionReport> CheckAsync(CancellationToken ct)
    {
        var lambda = clients.Lambda(region);
        var ecr = clients.Ecr(region);
        var checks = new List<PermissionCheck>();
        var skipped = new List<UncheckedAction>(AlwaysUnchecked);

        GetAuthorizationTokenResponse? login = null;
        checks.Add((await ProbeAsync(EcrOperations.GetAuthorizationToken,
            async () => login = await ecr.GetAuthorizationTokenAsync(ct).ConfigureAwait(false)).ConfigureAwait(false)).Check);
        checks.Add((await ProbeAsync(EcrOperations.DescribeRepositories,
            () => ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = [ProbeName] }, ct)).ConfigureAwait(false)).Check);
        checks.Add((await ProbeAsync(LambdaOperations.ListFunctions,
            () => lambda.ListFunctionsAsync(new ListFunctionsRequest { MaxItems = 1 }, ct)).ConfigureAwait(false)).Check);
        var get = await ProbeAsync(LambdaOperations.GetFunction, () => lambda.GetFunctionAsync(ProbeName, ct)).ConfigureAwait(false);
        checks.Add(get.Check);

        var account = login?.AuthorizationData is [{ ProxyEndpoint: { } endpoint }, ..] ? RegistryDirectory.EcrAccount(new Uri(endpoint).Host) : null;
        var partition = RegionEndpoint.GetBySystemName(region).PartitionName;
        var arn = account is null ? null : $"arn:{partition}:lambda:{region}:{account}:function:{ProbeName}";
        var image = $"{account ?? "000000000000"}.dkr.ecr.{region}.{AwsEndpoints.PartitionSuffix(region)}/{ProbeName}@sha256:{new string('0', 64)}";
        var changes = new List<(AwsOperation Operation, Func<Task> Call)>
        {
            (LambdaOperations.UpdateFunctionCode,
                () => lambda.UpdateFunctionCodeAsync(new UpdateFunctionCodeRequest { FunctionName = ProbeName, ImageUri = image }, ct)),
            (LambdaOperations.UpdateFunctionConfiguration,
                () => lambda.UpdateFunctionConfigurationAsync(new UpdateFunctionConfigurationRequest { FunctionName = ProbeName }, ct)),
            (LambdaOperations.DeleteFunction, () => lambda.DeleteFunctionAsync(ProbeName, ct)),
        };
        if (arn is not null)
        {
            changes.Add((LambdaOperations.ListTags, () => lambda.ListTagsAsync(arn, ct)));
            changes.Add((LambdaOperations.TagResource,
                () => lambda.TagResourceAsync(new TagResourceRequest(arn, new Dictionary<string, string> { ["tern.dev/probe"] = "1" }), ct)));
        }
        else
        {
            skipped.Add(new($"{LambdaOperations.ListTags.IamAction}, {LambdaOperations.TagResource.IamAction}",
                "they need the account's ID, which GetAuthorizationToken would have named"));
        }
        foreach (var (operation, call) in changes)
        {
            if (get.Found)
            {
                // Something answers to the probe's name after all: trying a change on it could change it.
                skipped.Add(new(operation.IamAction, $"a Lambda function named {ProbeName} exists in {region}, so it is not touched"));
                continue;
            }
            checks.Add((await ProbeAsync(operation, call).ConfigureAwait(false)).Check);
        }
        return new PermissionReport(checks, skipped);
    }

    private static async Task<(PermissionCheck Check, bool Found)> ProbeAsync(AwsOperation operation, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
            return (new PermissionCheck(operation.IamAction, true, null), true);
        }
        // Both answers come after the request was authorised: the probe's target is missing, or the probe's values were refused.
        catch (AwsServiceException e) when (e.Kind is AwsFailureKind.NotFound or AwsFailureKind.Invalid)
        {
            return (new PermissionCheck(operation.IamAction, true, null), false);
        }
        catch (AwsServiceException e) when (e.Kind == AwsFailureKind.AccessDenied)
        {
            return (new PermissionCheck(operation.IamAction, false, e.Message), false);
        }
    }
}

/// <summary>What the probes found: the actions tried, and those that were not, with why.</summary>
public sealed record PermissionReport(IReadOnlyList<PermissionCheck> Checked, IReadOnlyList<UncheckedAction> NotChecked)
{
    public bool AllAllowed => Checked.All(c => c.Allowed);
}

/// <summary>An action the probes did not try, and why.</summary>
public sealed record UncheckedAction(string Action, string Reason);
