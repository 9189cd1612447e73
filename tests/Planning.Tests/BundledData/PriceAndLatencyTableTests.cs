using Tern.Entities.ServerlessWorkflows;
using Tern.Planning.BundledData;
using Tern.Tests.Support;

namespace Tern.Planning.Tests.BundledData;

public class PriceAndLatencyTableTests
{
    private const string LambdaHeader = "aws_region,architecture,duration_usd_per_gb_second_tier1,request_usd_per_request\n";

    [Fact]
    public void Lambda_prices_are_the_first_tier_per_region_and_architecture()
    {
        var prices = BundledDataFixture.Bundled.LambdaPrices;
        Assert.Equal(10, prices.Regions.Count);
        Assert.Equal(new LambdaPrice(0.0000166667, 0.0000002), prices.Find("us-east-1", Architecture.X86_64));
        Assert.Equal(new LambdaPrice(0.0000133334, 0.0000002), prices.Find("eu-north-1", Architecture.Arm64));
        Assert.Null(prices.Find("eu-south-1", Architecture.X86_64));
    }

    [Theory]
    [InlineData("us-east-1,x86_64,0.00001,0.0000002\nus-east-1,arm64,-0.00001,0.0000002\n",
        "lambda.csv:3: duration_usd_per_gb_second_tier1 -0.00001 must be a finite number of at least 0.")]
    [InlineData("us-east-1,x86_64,NaN,0.0000002\n", "lambda.csv:2: duration_usd_per_gb_second_tier1 NaN must be a finite number of at least 0.")]
    [InlineData("us-east-1,x86_64,0.00001,free\n", "lambda.csv:2: request_usd_per_request 'free' is not a number.")]
    [InlineData("us-east-1,riscv,0.00001,0.0000002\n", "lambda.csv:2: architecture 'riscv' is neither x86_64 nor arm64.")]
    [InlineData("us-east-1,x86_64,0.00001,0.0000002\nus-east-1,x86_64,0.00001,0.0000002\n", "lambda.csv:3: us-east-1 x86_64 is priced twice.")]
    public void A_malformed_Lambda_price_is_an_error_naming_file_and_line(string body, string message)
    {
        var error = Assert.Throws<FormatException>(() => LambdaPriceTable.Parse(new StringReader(LambdaHeader + body), "lambda.csv"));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Transfer_prices_come_from_the_file_and_missing_pairs_are_assumed()
    {
        var transfer = BundledDataFixture.Bundled.TransferPrices;
        Assert.Equal(new TransferPrice(0.01, false), transfer.Find("us-east-1", "us-east-2"));
        Assert.Equal(new TransferPrice(0.02, false), transfer.Find("us-east-1", "eu-north-1"));
        Assert.Equal(new TransferPrice(0, false), transfer.Find("eu-west-2", "eu-west-2"));
        Assert.Equal(new TransferPrice(0.02, true), transfer.Find("ap-south-1", "us-east-1"));
        Assert.Equal(new TransferPrice(0, true), transfer.Find("ap-south-1", "ap-south-1"));
    }

    [Fact]
    public void A_negative_transfer_price_is_an_error_naming_file_and_line()
    {
        var error = Assert.Throws<FormatException>(() => TransferPriceTable.Parse(
            new StringReader("from_region,to_region,usd_per_gb\nus-east-1,us-east-2,-0.01\n"), "transfer.csv"));
        Assert.Equal("transfer.csv:2: usd_per_gb -0.01 must be a finite number of at least 0.", error.Message);
    }

    [Fact]
    public void Latency_has_every_ordered_pair_of_33_regions_with_direction_kept()
    {
        var latency = BundledDataFixture.Bundled.Latency;
        Assert.Equal(33 * 33, latency.Count);
        Assert.Equal(new LatencyPercentiles(64.419, 69.3478), latency.Find("us-east-1", "us-west-2"));
        Assert.NotEqual(latency.Find("us-east-1", "us-west-2"), latency.Find("us-west-2", "us-east-1"));
        Assert.Null(latency.Find("ap-southeast-6", "us-east-1"));
    }

    [Theory]
    [InlineData("a,b,10,9\n", "latency.csv:2: p90_ms 9 is below p50_ms 10.")]
    [InlineData("a,b,0,9\n", "latency.csv:2: p50_ms is 0; a measured latency is positive.")]
    [InlineData("a,b,10,Infinity\n", "latency.csv:2: p90_ms Infinity must be a finite number of at least 0.")]
    [InlineData("a,b,10,12\na,b,10,12\n", "latency.csv:3: a → b appears twice.")]
    public void Malformed_latency_rows_are_errors_naming_file_and_line(string body, string message)
    {
        var error = Assert.Throws<FormatException>(() => InterRegionLatency.Parse(
            new StringReader("from_region,to_region,p50_ms,p90_ms\n" + body), "latency.csv"));
        Assert.Equal(message, error.Message);
    }
}
