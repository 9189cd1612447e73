using Tern.Aws.Http;
using Tern.Aws.Lambda;
using Tern.Aws.Lambda.Client;
using Tern.Aws.Lambda.Model;
using Tern.Aws.Tests.Fixtures;
using Tern.Tests.Support.Aws;

namespace Tern.Aws.Tests.Lambda;

/// <summary>The copy manager against moto with signature checking on.</summary>
[Collection(MotoGroup.Name)]
public sealed class FunctionCopyManagerTests(MotoServer moto)
{
    private static readonly string[] Regions = ["eu-west-1", "eu-north-1", "us-west-2"];

    [SkippableFact]
    public async Task Copies_are_created_then_updated_code_first_configuration_next_then_deleted_in_three_regions()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        await MotoImages.SeedAsync(moto, Regions, 1, 2);
        using var clients = moto.Clients();
        var manager = new FunctionCopyManager(clients.Lambda);

        foreach (var region in Regions)
        {
            var created = await manager.EnsureAsync(MotoImages.Copy("lifecycle-resize", region, 1), default);
            Assert.Equal((CopyStatus.Active, CopyActions.Created), (created.Status, created.Actions));
            var again = await manager.EnsureAsync(MotoImages.Copy("lifecycle-resize", region, 1), default);
            Assert.Equal((CopyStatus.Active, CopyActions.None), (again.Status, again.Actions));
        }

        foreach (var region in Regions)
        {
            var desired = MotoImages.Copy("lifecycle-resize", region, 2, memoryMiB: 512);
            var first = await manager.EnsureAsync(desired, default);
            Assert.Equal((CopyStatus.Pending, CopyActions.CodeUpdated), (first.Status, first.Actions));
            Assert.Equal(TimeSpan.Zero, first.RequeueAfter);
            var second = await manager.EnsureAsync(desired, default);
            Assert.Equal((CopyStatus.Active, CopyActions.ConfigurationUpdated), (second.Status, second.Actions));
            var third = await manager.EnsureAsync(desired, default);
            Assert.Equal((CopyStatus.Active, CopyActions.None), (third.Status, third.Actions));

            var observed = await manager.ReadOneAsync(region, "lifecycle-resize", default);
            Assert.Equal(MotoImages.Digest(2), "sha256:" + observed!.CodeSha256);
            Assert.Equal(512, observed.MemoryMiB);
        }

        var listed = await manager.ListAsync(Regions, "shop", "orders", default);
        Assert.Equal(Regions.Order(), listed.Where(c => c.FunctionName == "lifecycle-resize").Select(c => c.Region).Order());

        foreach (var region in Regions)
        {
            Assert.True(await manager.DeleteAsync(region, "lifecycle-resize", default));
            Assert.Null(await manager.ReadOneAsync(region, "lifecycle-resize", default));
            Assert.False(await manager.DeleteAsync(region, "lifecycle-resize", default));
        }
    }

    [SkippableFact]
    public async Task A_function_whose_tags_name_another_workflow_is_neither_updated_nor_deleted()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        await MotoImages.SeedAsync(moto, ["eu-west-1"], 1, 2);
        using var clients = moto.Clients();
        var manager = new FunctionCopyManager(clients.Lambda);
        var theirs = MotoImages.Copy("collide-resize", "eu-west-1", 1, workflow: "theirs");
        await manager.EnsureAsync(theirs, default);
        var ours = MotoImages.Copy("collide-resize", "eu-west-1", 2, workflow: "ours");

        var refused = await manager.EnsureAsync(ours, default);
        var deletion = await manager.DeleteOwnedAsync("eu-west-1", "collide-resize", ours.Owner, default);

        Assert.Equal((CopyStatus.Failed, CopyActions.None), (refused.Status, refused.Actions));
        Assert.Contains("belongs to function resize of workflow shop/theirs", refused.Message, StringComparison.Ordinal);
        Assert.Equal(CopyDeletion.NotOwned, deletion);
        var untouched = await manager.ReadOneAsync("eu-west-1", "collide-resize", default);
        Assert.Equal((MotoImages.Digest(1)[7..], "theirs"), (untouched!.CodeSha256, untouched.Owner!.Workflow));
        Assert.Equal(CopyDeletion.Deleted, await manager.DeleteOwnedAsync("eu-west-1", "collide-resize", theirs.Owner, default));
        Assert.Equal(CopyDeletion.Missing, await manager.DeleteOwnedAsync("eu-west-1", "collide-resize", theirs.Owner, default));
    }

    [SkippableFact]
    public async Task A_changed_image_digest_is_seen_through_CodeSha256_and_reaches_every_region()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        await MotoImages.SeedAsync(moto, Regions, 1, 3);
        using var clients = moto.Clients();
        var manager = new FunctionCopyManager(clients.Lambda);
        foreach (var region in Regions)
        {
            await manager.EnsureAsync(MotoImages.Copy("digest-watch", region, 1), default);
        }

        foreach (var region in Regions)
        {
            var latest = (await manager.ReadOneAsync(region, "digest-watch", default))!;
            var delta = FunctionCopyMapping.Delta(MotoImages.Copy("digest-watch", region, 3), latest);
            Assert.Equal((true, false, false), (delta.Code, delta.Configuration, delta.Tags));
            var result = await manager.UpdateAsync(MotoImages.Copy("digest-watch", region, 3), latest, delta, default);
            Assert.Equal(CopyActions.CodeUpdated, result.Actions);
            Assert.Equal(MotoImages.Digest(3)[7..], (await manager.ReadOneAsync(region, "digest-watch", default))!.CodeSha256);
        }
    }

    [SkippableFact]
    public async Task Listing_by_tag_keeps_only_the_workflow_and_follows_NextMarker()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        const string region = "ap-southeast-2";
        await MotoImages.SeedAsync(moto, [region], 1);
        using var clients = moto.Clients();
        var manager = new FunctionCopyManager(clients.Lambda);
        var mine = await manager.EnsureAsync(MotoImages.Copy("paged-mine", region, 1, workflow: "billing"), default);
        var theirs = await manager.EnsureAsync(MotoImages.Copy("paged-theirs", region, 1, workflow: "other"), default);
        var unowned = await clients.Lambda(region).CreateFunctionAsync(new CreateFunctionRequest
        {
            FunctionName = "paged-unowned", Role = MotoServer.RoleArn, Code = new FunctionCode(MotoImages.Uri(region, 1)),
        }, default);

        // moto ignores MaxItems, so the pages are canned: the first names two functions and a marker, the second the third.
        static string Page(string? next, params string[] arns) =>
            System.Text.Json.JsonSerializer.Serialize(new { Functions = arns.Select(a => new { FunctionArn = a, FunctionName = a.Split(':')[^1] }),
                NextMarker = next });
        await moto.InjectAsync(
            new FaultRule { Method = "GET", Path = "^/2015-03-31/functions$", Query = "^$", Region = region, Status = 200,
                Body = Page("page-2", mine.Observed!.FunctionArn!, theirs.Observed!.FunctionArn!) },
            new FaultRule { Method = "GET", Path = "^/2015-03-31/functions$", Query = "Marker=page-2", Region = region, Status = 200,
                Body = Page(null, unowned.FunctionArn!) });
        try
        {
            var listed = await manager.ListAsync([region], "shop", "billing", default);
            Assert.Equal(["paged-mine"], listed.Select(c => c.FunctionName));
            Assert.Equal(new CopyOwner("shop", "billing", "mine"), listed[0].Owner);
            var seen = await moto.RequestsAsync();
            Assert.Contains(seen, r => r.RawUri.EndsWith("?Marker=page-2", StringComparison.Ordinal));
        }
        finally
        {
            await moto.ClearFaultsAsync();
        }
    }

    [SkippableFact]
    public async Task A_missing_role_or_image_is_terminal_and_keeps_the_AWS_code_and_message()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        const string region = "ca-central-1";
        await MotoImages.SeedAsync(moto, [region], 1);
        using var clients = moto.Clients();
        var manager = new FunctionCopyManager(clients.Lambda);

        var badRole = MotoImages.Copy("terminal-role", region, 1) with { RoleArn = $"arn:aws:iam::{MotoServer.AccountId}:role/missing" };
        var role = await Assert.ThrowsAsync<LambdaException>(() => manager.EnsureAsync(badRole, default));
        Assert.Equal(("InvalidParameterValueException", AwsFailureKind.Invalid, true), (role.ErrorCode, role.Kind, role.IsTerminal));
        Assert.Contains("cannot be assumed by Lambda", role.Message, StringComparison.Ordinal);

        var noImage = MotoImages.Copy("terminal-image", region, 99);
        var image = await Assert.ThrowsAsync<LambdaException>(() => manager.EnsureAsync(noImage, default));
        Assert.True(image.IsTerminal);
        Assert.Equal("ImageNotFoundException", image.ErrorCode);
        Assert.Null(await manager.ReadOneAsync(region, "terminal-image", default));
    }
}
