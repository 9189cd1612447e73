using Tern.Entities.Regions;
using Tern.Entities.ServerlessWorkflows;

namespace Tern.Entities.Tests.Regions;

public class RegionCatalogueTests
{
    [Fact]
    public void The_bundled_catalogue_holds_every_commercial_region_with_coordinates_and_a_zone()
    {
        var catalogue = RegionCatalogue.Bundled;
        Assert.Equal(34, catalogue.All.Count);
        Assert.All(catalogue.All, r =>
        {
            Assert.InRange(r.Latitude, -90, 90);
            Assert.InRange(r.Longitude, -180, 180);
            Assert.False(string.IsNullOrEmpty(r.DefaultZone), $"{r.Code} has no zone");
        });
        var virginia = catalogue.Find("us-east-1")!;
        Assert.Equal("US East (N. Virginia)", virginia.Name);
        Assert.Equal("US-MIDA-PJM", virginia.DefaultZone);
        Assert.InRange(virginia.Latitude, 36, 40);
        Assert.InRange(virginia.Longitude, -80, -76);
        Assert.Equal("GB", catalogue.Find("eu-west-2")!.DefaultZone);
        Assert.Null(catalogue.Find("us-west-9"));
    }

    [Fact]
    public void Parse_refuses_a_file_with_the_wrong_header()
    {
        var error = Assert.Throws<FormatException>(() => RegionCatalogue.Parse(new StringReader("region,lat\nus-east-1,1\n")));
        Assert.Contains("code,name,latitude", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_honours_quoted_fields_and_refuses_short_rows()
    {
        const string header = "code,name,latitude,longitude,default_zone,zone_source\n";
        var catalogue = RegionCatalogue.Parse(new StringReader(header + "xx-test-1,\"Test, \"\"Quoted\"\"\",1.5,-2.5,ZZ,city-grid\n"));
        Assert.Equal("Test, \"Quoted\"", catalogue.Find("xx-test-1")!.Name);
        Assert.Throws<FormatException>(() => RegionCatalogue.Parse(new StringReader(header + "xx-test-1,Test,1\n")));
    }

    [Fact]
    public void Duplicate_codes_are_refused() =>
        Assert.Throws<ArgumentException>(() => new RegionCatalogue([new Region("a", "A", 0, 0, "Z"), new Region("a", "B", 0, 0, "Z")]));

    [Fact]
    public void Candidate_regions_apply_function_pins_then_both_exclusion_lists()
    {
        var spec = new ServerlessWorkflowSpec { Regions = ["us-east-1", "us-west-2", "ca-central-1"], ExcludedRegions = ["ca-central-1"] };
        var free = new FunctionSpec { Name = "a" };
        var pinned = new FunctionSpec { Name = "b", Regions = ["us-east-1", "eu-west-1", "ca-central-1"], ExcludedRegions = ["eu-west-1"] };
        Assert.Equal(["us-east-1", "us-west-2"], CandidateRegions.For(spec, free, RegionCatalogue.Bundled));
        Assert.Equal(["us-east-1"], CandidateRegions.For(spec, pinned, RegionCatalogue.Bundled));
        Assert.Equal(34, CandidateRegions.For(new ServerlessWorkflowSpec(), free, RegionCatalogue.Bundled).Count);
    }

    [Theory]
    [InlineData("US-WEST-2", " Region codes are lower case: did you mean 'us-west-2'?")]
    [InlineData("us-west2", " Did you mean 'us-west-2'?")]
    [InlineData("moon-base", "")]
    public void An_unknown_code_gets_the_hint_that_fixes_it(string code, string hint) =>
        Assert.Equal(hint, RegionCatalogue.Bundled.DidYouMean(code));
}
