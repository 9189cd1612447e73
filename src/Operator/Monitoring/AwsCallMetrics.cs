using Prometheus;
using Tern.Aws.Http;

namespace Tern.Operator.Monitoring;

/// <summary>Counts every AWS and registry request attempt in the operator's metrics registry, so the alert on
/// throttling and the dashboard's AWS panels have data: <c>tern_aws_requests_total{service,operation,outcome}</c>
/// (retries and throttled attempts included) and <c>tern_aws_throttles_total{service,operation}</c>. The labels are
/// bounded: a few services, their declared operations, and the failure kinds.</summary>
internal sealed class AwsCallMetrics : IAwsCallObserver
{
    private static readonly string Throttled = AwsAttempt.OutcomeOf(AwsFailureKind.Throttled);

    private readonly Counter _requests;
    private readonly Counter _throttles;

    public AwsCallMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _requests = factory.CreateCounter("tern_aws_requests_total", "AWS and registry request attempts by outcome (success or the failure kind).",
            "service", "operation", "outcome");
        _throttles = factory.CreateCounter("tern_aws_throttles_total", "AWS request attempts the service throttled.", "service", "operation");
    }

    public void OnAttempt(AwsAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        _requests.WithLabels(attempt.Service, attempt.Operation, attempt.Outcome).Inc();
        if (attempt.Outcome == Throttled)
        {
            _throttles.WithLabels(attempt.Service, attempt.Operation).Inc();
        }
    }
}
