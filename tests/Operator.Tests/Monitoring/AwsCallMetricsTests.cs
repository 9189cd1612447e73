using System.Text;
using Prometheus;
using Tern.Aws.Http;
using Tern.Operator.Monitoring;

namespace Tern.Operator.Tests.Monitoring;

public class AwsCallMetricsTests
{
    [Fact]
    public async Task Every_attempt_is_a_request_by_outcome_and_only_throttled_ones_are_throttles()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new AwsCallMetrics(registry);

        metrics.OnAttempt(Attempt("lambda", "CreateFunction", "throttled", willRetry: true));
        metrics.OnAttempt(Attempt("lambda", "CreateFunction", "throttled", willRetry: true));
        metrics.OnAttempt(Attempt("lambda", "CreateFunction", AwsAttempt.Success, willRetry: false));
        metrics.OnAttempt(Attempt("ecr", "GetAuthorizationToken", "accessdenied", willRetry: false));
        using var exported = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(exported);
        var text = Encoding.UTF8.GetString(exported.ToArray());

        Assert.Contains("tern_aws_requests_total{service=\"lambda\",operation=\"CreateFunction\",outcome=\"throttled\"} 2", text,
            StringComparison.Ordinal);
        Assert.Contains("tern_aws_requests_total{service=\"lambda\",operation=\"CreateFunction\",outcome=\"success\"} 1", text,
            StringComparison.Ordinal);
        Assert.Contains("tern_aws_requests_total{service=\"ecr\",operation=\"GetAuthorizationToken\",outcome=\"accessdenied\"} 1", text,
            StringComparison.Ordinal);
        Assert.Contains("tern_aws_throttles_total{service=\"lambda\",operation=\"CreateFunction\"} 2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tern_aws_throttles_total{service=\"ecr\"", text, StringComparison.Ordinal);
    }

    private static AwsAttempt Attempt(string service, string operation, string outcome, bool willRetry) =>
        new(service, operation, "us-east-1", 1, outcome, null, willRetry, TimeSpan.FromMilliseconds(10));
}
