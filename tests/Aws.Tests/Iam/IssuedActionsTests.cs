using Tern.Aws.Lambda;
using Tern.Aws.Lambda.Model;
using Tern.Aws.Placement;
using Tern.Aws.Tests.Fixtures;
using Tern.Tests.Support.Aws;

namespace Tern.Aws.Tests.Iam;

/// <summary>Drives every client operation against moto and checks each request moto saw (by path or X-Amz-Target)
/// maps to a declared operation whose action the policy grants: a call added without declaring it fails here.</summary>
[Collection(MotoGroup.Name)]
public sealed class IssuedActionsTests(MotoServer moto)
{
    private const string Region = "sa-east-1";

    [SkippableFact]
    public async Task Every_request_the_clients_issue_is_a_declared_operation_the_policy_allows()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        await MotoImages.SeedAsync(moto, [Region], 1, 2);
        using var clients = moto.Clients();
        var manager = new FunctionCopyManager(clients.Lambda);
        var before = (await moto.RequestsAsync()).Count;

        await manager.EnsureAsync(MotoImages.Copy("issued-fn", Region, 1), default);
        await manager.EnsureAsync(MotoImages.Copy("issued-fn", Region, 2, memoryMiB: 512), default);
        await manager.EnsureAsync(MotoImages.Copy("issued-fn", Region, 2, memoryMiB: 512), default);
        var arn = (await manager.ReadOneAsync(Region, "issued-fn", default))!.FunctionArn!;
        await clients.Lambda(Region).TagResourceAsync(new TagResourceRequest(arn, new Dictionary<string, string> { ["team"] = "a" }), default);
        await manager.ListAsync([Region], "shop", "orders", default);
        await clients.Lambda(Region).InvokeAsync(new InvokeRequest { FunctionName = "issued-fn", Payload = "{}"u8.ToArray() }, default);
        await manager.DeleteAsync(Region, "issued-fn", default);
        var ecr = clients.Ecr(Region);
        await ecr.DescribeRepositoriesAsync(new Tern.Aws.Ecr.Model.DescribeRepositoriesRequest { RepositoryNames = [MotoImages.Repository] },
            default);
        await ecr.CreateRepositoryAsync(new Tern.Aws.Ecr.Model.CreateRepositoryRequest { RepositoryName = "issued-repo" }, default);
        await ecr.DescribeImagesAsync(new Tern.Aws.Ecr.Model.DescribeImagesRequest { RepositoryName = MotoImages.Repository }, default);
        await ecr.BatchGetImageAsync(new Tern.Aws.Ecr.Model.BatchGetImageRequest
        {
            RepositoryName = MotoImages.Repository, ImageIds = [new Tern.Aws.Ecr.Model.ImageIdentifier { ImageDigest = MotoImages.Digest(1) }],
        }, default);
        await ecr.GetAuthorizationTokenAsync(default);
        await new TernTables(clients, Region) { PollInterval = TimeSpan.FromMilliseconds(50) }.EnsureAsync("issued-placements", "issued-invocations");
        var store = new PlacementStore(clients, Region, "issued-placements");
        await store.PutAsync(Tern.Aws.Tests.Placement.PlacementStoreTests.Record(1, Region), default);
        await store.GetAsync("shop", "orders", true, default);
        await store.DeleteAsync("shop", "orders", default);
        var records = new Tern.Aws.Records.InvocationRecordStore(clients, Region, "issued-invocations");
        await records.WriteAsync(Tern.Aws.Tests.Records.InvocationRecordTests.Record(), DateTimeOffset.UtcNow.AddDays(1), default);
        await records.ReadSinceAsync("shop", "orders", DateTimeOffset.UnixEpoch, default);

        var issued = (await moto.RequestsAsync()).Skip(before).Where(r => r.Region == Region).Select(Operation).ToHashSet();
        var declared = IamPolicyTests.Declared.Where(o => o.Service != "registry").Select(o => $"{o.Service}:{o.Name}").ToHashSet();
        var granted = IamPolicyTests.PolicyActions();

        Assert.Empty(issued.Except(declared).Order());
        Assert.Empty(declared.Except(issued).Order());
        Assert.All(IamPolicyTests.Declared.Where(o => issued.Contains($"{o.Service}:{o.Name}")), o => Assert.Contains(o.IamAction, granted));
    }

    /// <summary>The operation a request is, read off the wire the way the services route it.</summary>
    private static string Operation(SeenRequest request)
    {
        if (request.Target.Length > 0)
        {
            return $"{request.Service}:{request.Target[(request.Target.IndexOf('.', StringComparison.Ordinal) + 1)..]}";
        }
        var path = request.Path;
        var name = (request.Method, path) switch
        {
            ("POST", "/2015-03-31/functions") => "CreateFunction",
            ("GET", "/2015-03-31/functions") => "ListFunctions",
            ("GET", _) when path.StartsWith("/2017-03-31/tags/", StringComparison.Ordinal) => "ListTags",
            ("POST", _) when path.StartsWith("/2017-03-31/tags/", StringComparison.Ordinal) => "TagResource",
            ("POST", _) when path.EndsWith("/invocations", StringComparison.Ordinal) => "Invoke",
            ("PUT", _) when path.EndsWith("/code", StringComparison.Ordinal) => "UpdateFunctionCode",
            ("PUT", _) when path.EndsWith("/configuration", StringComparison.Ordinal) => "UpdateFunctionConfiguration",
            ("GET", _) => "GetFunction",
            ("DELETE", _) => "DeleteFunction",
            _ => $"{request.Method} {path}",
        };
        return $"{request.Service}:{name}";
    }
}
