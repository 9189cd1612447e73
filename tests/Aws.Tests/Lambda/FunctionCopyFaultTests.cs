using System.Text.Json;
using Tern.Aws.Lambda;
using Tern.Aws.Lambda.Client;
using Tern.Aws.Lambda.Model;
using Tern.Aws.Tests.Fixtures;
using Tern.Tests.Support.Aws;

namespace Tern.Aws.Tests.Lambda;

/// <summary>What moto never does, injected by the launcher: Pending and InProgress states, update conflicts, lost
/// answers and crashes between calls.</summary>
[Collection(MotoGroup.Name)]
public sealed class FunctionCopyFaultTests(MotoServer moto) : IAsyncLifetime
{
    private const string Region = "eu-central-1";

    public async Task InitializeAsync()
    {
        if (moto.SkipReason is null)
        {
            await MotoImages.SeedAsync(moto, [Region], 1, 2);
        }
    }

    public async Task DisposeAsync()
    {
        if (moto.SkipReason is null)
        {
            await moto.ClearFaultsAsync();
        }
    }

    [SkippableTheory]
    [InlineData("Pending", "Successful", "Lambda is creating the copy")]
    [InlineData("Active", "InProgress", "an update is in progress")]
    public async Task Pending_and_InProgress_are_a_status_with_a_requeue_and_no_update_is_attempted(string state, string lastUpdate, string message)
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var clients = moto.Clients();
        var manager = new FunctionCopyManager(clients.Lambda);
        var name = $"settling-{state.ToLowerInvariant()}";
        await manager.EnsureAsync(MotoImages.Copy(name, Region, 1), default);
        await moto.InjectAsync(CannedGetFunction(name, state, lastUpdate));

        var result = await manager.EnsureAsync(MotoImages.Copy(name, Region, 2), default);

        Assert.Equal((CopyStatus.Pending, FunctionCopyManager.PendingRequeue), (result.Status, result.RequeueAfter));
        Assert.StartsWith(message, result.Message, StringComparison.Ordinal);
        Assert.Equal(CopyActions.None, result.Actions);
        Assert.DoesNotContain(await moto.RequestsAsync(), r => r.Path.EndsWith($"/{name}/code", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_failed_last_update_is_reported_as_Failed_with_Lambdas_reason()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var clients = moto.Clients();
        var manager = new FunctionCopyManager(clients.Lambda);
        await manager.EnsureAsync(MotoImages.Copy("failed-update", Region, 1), default);
        await moto.InjectAsync(CannedGetFunction("failed-update", "Active", "Failed", "ImageAccessDenied", "Lambda cannot pull the image"));

        var result = await manager.EnsureAsync(MotoImages.Copy("failed-update", Region, 1), default);

        Assert.Equal(CopyStatus.Failed, result.Status);
        Assert.Contains("ImageAccessDenied: Lambda cannot pull the image", result.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_update_conflict_while_an_update_is_in_progress_is_retried_until_it_clears()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var observer = new RecordingObserver();
        using var clients = moto.Clients(observer: observer);
        var manager = new FunctionCopyManager(clients.Lambda);
        await manager.EnsureAsync(MotoImages.Copy("conflict-retry", Region, 1), default);
        await moto.InjectAsync(UpdateInProgress("conflict-retry", times: 2));

        var result = await manager.EnsureAsync(MotoImages.Copy("conflict-retry", Region, 2), default);

        Assert.Equal(CopyActions.CodeUpdated, result.Actions);
        Assert.Equal(2, observer.Count("UpdateFunctionCode", "conflict"));
        Assert.Equal(1, observer.Count("UpdateFunctionCode", "success"));
    }

    [SkippableFact]
    public async Task An_update_conflict_that_outlasts_the_retries_is_Pending_not_an_exception()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        using var clients = moto.Clients(maxAttempts: 3);
        var manager = new FunctionCopyManager(clients.Lambda);
        await manager.EnsureAsync(MotoImages.Copy("conflict-storm", Region, 1), default);
        await moto.InjectAsync(UpdateInProgress("conflict-storm", times: 3));

        var result = await manager.EnsureAsync(MotoImages.Copy("conflict-storm", Region, 2), default);

        Assert.Equal((CopyStatus.Pending, FunctionCopyManager.PendingRequeue), (result.Status, result.RequeueAfter));
        Assert.Contains("update is in progress", result.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_create_whose_answer_was_lost_is_found_on_the_retry_and_not_duplicated()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var observer = new RecordingObserver();
        using var clients = moto.Clients(observer: observer);
        var manager = new FunctionCopyManager(clients.Lambda);
        await moto.InjectAsync(new FaultRule
        {
            Method = "POST", Path = "^/2015-03-31/functions$", Region = Region, After = true, Status = 502, Code = "ServiceException",
        });

        var result = await manager.EnsureAsync(MotoImages.Copy("lost-answer", Region, 1), default);

        Assert.Equal(CopyStatus.Active, result.Status);
        Assert.Equal(1, observer.Count("CreateFunction", "servererror"));
        Assert.Equal(1, observer.Count("CreateFunction", "conflict"));
        Assert.Single(await CopiesNamed(clients, "lost-answer"));
    }

    [SkippableFact]
    public async Task A_crash_after_the_image_copy_before_the_function_exists_creates_it_once_on_the_next_pass()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var observer = new RecordingObserver();
        using var clients = moto.Clients(observer: observer, maxAttempts: 2);
        var manager = new FunctionCopyManager(clients.Lambda);
        // The image is in the region (seeded); the pass that should create the function dies on the way.
        await moto.InjectAsync(new FaultRule { Method = "POST", Path = "^/2015-03-31/functions$", Region = Region, Times = 2, Status = 503,
            Code = "ServiceException" });
        await Assert.ThrowsAsync<LambdaException>(() => manager.EnsureAsync(MotoImages.Copy("after-image", Region, 1), default));

        var next = await manager.EnsureAsync(MotoImages.Copy("after-image", Region, 1), default);

        Assert.Equal((CopyStatus.Active, CopyActions.Created), (next.Status, next.Actions));
        Assert.Single(await CopiesNamed(clients, "after-image"));
        Assert.Equal(1, observer.Count("CreateFunction", "success"));
    }

    [SkippableFact]
    public async Task A_crash_between_create_and_tag_is_healed_by_tagging_on_the_next_pass_without_a_second_create()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var observer = new RecordingObserver();
        using var clients = moto.Clients(observer: observer);
        var manager = new FunctionCopyManager(clients.Lambda);
        var desired = MotoImages.Copy("untagged", Region, 1);
        // What a crash between the two calls leaves: the function, without Tern's ownership tags.
        var bare = FunctionCopyMapping.ToCreate(desired) with { Tags = null };
        await clients.Lambda(Region).CreateFunctionAsync(bare, default);

        var healed = await manager.EnsureAsync(desired, default);

        Assert.Equal((CopyStatus.Active, CopyActions.Tagged), (healed.Status, healed.Actions));
        Assert.Equal(1, observer.Count("CreateFunction"));
        Assert.Contains(await manager.ListAsync([Region], "shop", "orders", default), c => c.FunctionName == "untagged");
        var again = await manager.EnsureAsync(desired, default);
        Assert.Equal(CopyActions.None, again.Actions);
    }

    private static FaultRule CannedGetFunction(string name, string state, string lastUpdate, string? reasonCode = null, string? reason = null)
    {
        var body = new
        {
            Configuration = new
            {
                FunctionName = name, FunctionArn = $"arn:aws:lambda:{Region}:{MotoServer.AccountId}:function:{name}", State = state,
                LastUpdateStatus = lastUpdate, LastUpdateStatusReasonCode = reasonCode, LastUpdateStatusReason = reason,
                CodeSha256 = MotoImages.Digest(1)[7..], MemorySize = 256, Timeout = 30, Role = MotoServer.RoleArn,
                Architectures = new[] { "x86_64" }, Environment = new { Variables = new Dictionary<string, string> { ["STAGE"] = "test" } },
            },
            Tags = new CopyOwner("shop", "orders", name.Split('-')[^1]).Tags,
        };
        return new FaultRule { Method = "GET", Path = $"^/2015-03-31/functions/{name}$", Region = Region, Status = 200,
            Body = JsonSerializer.Serialize(body) };
    }

    private static FaultRule UpdateInProgress(string name, int times) => new()
    {
        Method = "PUT", Path = $"/functions/{name}/code$", Region = Region, Times = times, Status = 409, Code = "ResourceConflictException",
        Message = "The operation cannot be performed at this time. An update is in progress for resource: " +
                  $"arn:aws:lambda:{Region}:{MotoServer.AccountId}:function:{name}",
    };

    private static async Task<List<FunctionConfiguration>> CopiesNamed(AwsClients clients, string name) =>
        [.. ((await clients.Lambda(Region).ListFunctionsAsync(new ListFunctionsRequest(), default)).Functions ?? [])
            .Where(f => f.FunctionName == name)];
}
