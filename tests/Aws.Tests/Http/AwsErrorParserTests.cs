using System.Net;
using System.Text;
using Tern.Aws.Http;

namespace Tern.Aws.Tests.Http;

public sealed class AwsErrorParserTests
{
    [Fact]
    public void The_error_type_header_wins_and_is_cut_at_the_colon()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "ResourceConflictException:http://internal.amazon.com/coral/");

        var error = AwsErrorParser.Parse(response.Headers, Encoding.UTF8.GetBytes("""{"__type":"Other","message":"An update is in progress"}"""));

        Assert.Equal(new AwsErrorBody("ResourceConflictException", "An update is in progress"), error);
    }

    [Theory]
    [InlineData("""{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"m"}""",
        "ConditionalCheckFailedException", "m")]
    [InlineData("""{"code":"RepositoryNotFoundException","Message":"M"}""", "RepositoryNotFoundException", "M")]
    [InlineData("""{"Code":"ThrottlingException","message":"slow"}""", "ThrottlingException", "slow")]
    [InlineData("""<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>bad sig</Message></Error></ErrorResponse>""",
        "SignatureDoesNotMatch", "bad sig")]
    [InlineData("not an error body", null, null)]
    public void The_body_gives_the_code_and_message_in_every_form_AWS_uses(string body, string? code, string? message)
    {
        Assert.Equal(new AwsErrorBody(code, message), AwsErrorParser.ParseBody(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("ThrottlingException", 400, AwsFailureKind.Throttled)]
    [InlineData("PriorRequestNotComplete", 400, AwsFailureKind.Throttled)]
    [InlineData(null, 429, AwsFailureKind.Throttled)]
    [InlineData("InvalidSignatureException", 403, AwsFailureKind.AccessDenied)]
    [InlineData("SignatureDoesNotMatch", 403, AwsFailureKind.AccessDenied)]
    [InlineData("ResourceNotFoundException", 404, AwsFailureKind.NotFound)]
    [InlineData("ResourceConflictException", 409, AwsFailureKind.Conflict)]
    [InlineData("InvalidParameterValueException", 400, AwsFailureKind.Invalid)]
    [InlineData(null, 503, AwsFailureKind.ServerError)]
    public void Codes_and_statuses_map_to_failure_kinds(string? code, int status, AwsFailureKind kind)
    {
        Assert.Equal(kind, AwsErrorClassifier.Classify(code, (HttpStatusCode)status));
    }

    [Fact]
    public void Only_an_update_in_progress_conflict_is_retried_and_Invoke_retries_only_throttling()
    {
        Assert.True(AwsErrorClassifier.IsRetryable(AwsFailureKind.Conflict, "ResourceConflictException", "An update is in progress for resource: x",
            true));
        Assert.False(AwsErrorClassifier.IsRetryable(AwsFailureKind.Conflict, "ResourceConflictException", "Function already exist: x", true));
        Assert.False(AwsErrorClassifier.IsRetryable(AwsFailureKind.ServerError, "ServiceException", null, idempotent: false));
        Assert.True(AwsErrorClassifier.IsRetryable(AwsFailureKind.Throttled, "TooManyRequestsException", null, idempotent: false));
        Assert.False(AwsErrorClassifier.IsRetryable(AwsFailureKind.AccessDenied, "AccessDeniedException", null, true));
    }

    [Fact]
    public void Backoff_doubles_within_jitter_and_stays_under_the_cap()
    {
        var options = new AwsRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(350) };
        var jitter = new Random(7);

        var delays = Enumerable.Range(1, 5).Select(retry => options.Backoff(retry, jitter).TotalMilliseconds).ToList();

        Assert.InRange(delays[0], 50, 100);
        Assert.InRange(delays[1], 100, 200);
        Assert.All(delays.Skip(2), d => Assert.InRange(d, 175, 350));
    }
}
