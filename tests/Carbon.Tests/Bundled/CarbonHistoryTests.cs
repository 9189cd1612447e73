using Tern.Planning.BundledData;
using Tern.Carbon.Bundled;
using Tern.Tests.Support;

namespace Tern.Carbon.Tests.Bundled;

public class CarbonHistoryTests
{
    private const string Header = "datetime_utc,zone,carbon_intensity_gco2_per_kwh\n";

    private static ZoneSeries Parse(string body) => CarbonHistory.Parse(new StringReader(Header + body), "GB.csv", "GB");

    [Fact]
    public void The_bundled_history_has_the_eleven_zone_files_and_not_the_provenance_files()
    {
        Assert.Equal(
            ["CA-QC", "DE", "FR", "GB", "IE", "SE-SE3", "US-CAL-CISO", "US-MIDA-PJM", "US-MIDW-MISO", "US-NW-BPAT", "US-NW-PACW"],
            BundledDataFixture.Bundled.Carbon.Zones);
    }

    [Fact]
    public void Bundled_series_cover_their_years_and_reject_nothing()
    {
        var carbon = BundledDataFixture.Bundled.Carbon;
        var gb = carbon.Find("GB")!;
        Assert.Equal(2 * 8760, gb.Count);
        Assert.Equal(new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc), gb.First);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), gb.End);
        // The source dropped PACW's 24 empty hours of September 2023.
        Assert.Equal(8736, carbon.Find("US-NW-PACW")!.Count);
        Assert.All(carbon.Zones, z => Assert.Empty(carbon.Find(z)!.Rejected));
    }

    [Fact]
    public void Rows_are_sorted_by_hour_whatever_their_order_in_the_file()
    {
        var series = Parse("2023-06-01T01:00:00Z,GB,20\n2023-06-01T00:00:00Z,GB,10\n");
        var hours = series.Between(DateTime.MinValue, DateTime.MaxValue).ToList();
        Assert.Equal([10.0, 20.0], hours.Select(h => h.Value));
        Assert.Equal(DateTimeKind.Utc, hours[0].Hour.Kind);
    }

    [Theory]
    [InlineData("2023-06-01T00:00:00Z,GB,10\n01/06/2023 01:00,GB,10\n", "GB.csv:3: datetime_utc '01/06/2023 01:00' is not a UTC time")]
    [InlineData("2023-06-01T00:30:00Z,GB,10\n", "GB.csv:2: datetime_utc '2023-06-01T00:30:00Z' is not the start of an hour")]
    [InlineData("2023-06-01T00:00:00Z,GB,ten\n", "GB.csv:2: carbon_intensity_gco2_per_kwh 'ten' is not a number")]
    [InlineData("2023-06-01T00:00:00Z,GB,\n", "GB.csv:2: carbon_intensity_gco2_per_kwh '' is not a number")]
    [InlineData("2023-06-01T00:00:00Z,FR,10\n", "GB.csv:2: zone 'FR' in a file of zone GB")]
    [InlineData("2023-06-01T00:00:00Z,GB,10\n\n2023-06-01T00:00:00Z,GB,11\n", "GB.csv:4: hour 2023-06-01T00:00:00Z appears twice (first on line 2)")]
    [InlineData("2023-06-01T00:00:00Z,GB\n", "GB.csv:2: expected 3 fields as in the header, found 2")]
    public void A_malformed_row_is_an_error_naming_file_and_line(string body, string message)
    {
        var error = Assert.Throws<FormatException>(() => Parse(body));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_the_value_column_is_an_error_on_line_1()
    {
        var error = Assert.Throws<FormatException>(() => CarbonHistory.Parse(new StringReader("datetime_utc,zone,value\n"), "GB.csv", "GB"));
        Assert.StartsWith("GB.csv:1: the header has no column 'carbon_intensity_gco2_per_kwh'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Implausible_values_are_left_out_and_listed_with_their_line()
    {
        var series = Parse("""
            2023-06-01T00:00:00Z,GB,NaN
            2023-06-01T01:00:00Z,GB,-1
            2023-06-01T02:00:00Z,GB,2000.5
            2023-06-01T03:00:00Z,GB,2000
            2023-06-01T04:00:00Z,GB,0

            """);
        Assert.Equal(2, series.Count);
        Assert.Equal(
            ["GB.csv:2: carbon_intensity_gco2_per_kwh NaN is not between 0 and 2000; left out",
             "GB.csv:3: carbon_intensity_gco2_per_kwh -1 is not between 0 and 2000; left out",
             "GB.csv:4: carbon_intensity_gco2_per_kwh 2000.5 is not between 0 and 2000; left out"],
            series.Rejected);
    }
}
