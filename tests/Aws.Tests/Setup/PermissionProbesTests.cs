using Tern.Aws.Lambda;
using Tern.Aws.Lambda.Model;
using Tern.Aws.Setup;
using Tern.Aws.Tests.Fixtures;
using Tern.Tests.Support.Aws;

namespace Tern.Aws.Tests.Setup;

/// <summary>The permission probes against moto, which evaluates the IAM user's policy once signature checking is on.</summary>
[Collection(MotoGroup.Name)]
public sealed class PermissionProbesTests(MotoServer moto)
{
    [SkippableFact]
    public async Task Denied_actions_are_reported_allowed_ones_pass_and_nothing_is_created()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        var limited = await moto.CreateUserAsync("probe-limited", "lambda:UpdateFunctionCode", "ecr:DescribeRepositories");
        using var clients = moto.Clients(limited);

        // A region no other test of the collection creates functions in, so "nothing is created" sees only the probes.
        var report = await new PermissionProbes(clients, "ap-southeast-1").CheckAsync(default);

        Assert.Equal(["ecr:DescribeRepositories", "lambda:UpdateFunctionCode"], report.Checked.Where(c => !c.Allowed).Select(c => c.Action).Order());
        Assert.All(report.Checked.Where(c => !c.Allowed), c => Assert.Contains("AccessDenied", c.Message, StringComparison.Ordinal));
        Assert.Contains(report.Checked, c => c.Action == "lambda:TagResource" && c.Allowed);
        Assert.Contains(report.NotChecked, u => u.Action == "lambda:CreateFunction");
        Assert.False(report.AllAllowed);
        using var admin = moto.Clients();
        Assert.Empty((await admin.Lambda("ap-southeast-1").ListFunctionsAsync(new ListFunctionsRequest(), default)).Functions ?? []);
    }

    [SkippableFact]
    public async Task A_function_that_has_the_probes_name_is_left_unchanged()
    {
        Skip.If(moto.SkipReason is not null, moto.SkipReason);
        await MotoImages.SeedAsync(moto, ["ap-northeast-1"], 1);
        using var clients = moto.Clients();
        var manager = new FunctionCopyManager(clients.Lambda);
        await manager.EnsureAsync(MotoImages.Copy(PermissionProbes.ProbeName, "ap-northeast-1", 1), default);

        var report = await new PermissionProbes(clients, "ap-northeast-1").CheckAsync(default);

        Assert.Contains(report.NotChecked, u => u.Action == "lambda:DeleteFunction" && u.Reason.Contains("exists", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Checked, c => c.Action is "lambda:DeleteFunction" or "lambda:UpdateFunctionCode" or "lambda:TagResource");
        var still = await manager.ReadOneAsync("ap-northeast-1", PermissionProbes.ProbeName, default);
        Assert.Equal(MotoImages.Digest(1)[7..], still!.CodeSha256);
    }
}
