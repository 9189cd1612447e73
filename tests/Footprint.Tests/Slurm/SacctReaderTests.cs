using Tern.Footprint.Slurm;

namespace Tern.Footprint.Tests.Slurm;

public class SacctReaderTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly DateTimeOffset Now = new(2023, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static SacctFile Read(string text, TimeZoneInfo? zone = null) => SacctReader.Read(text, "sacct.txt", zone ?? TimeZoneInfo.Utc, Now);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Steps_fold_into_their_job_and_array_tasks_become_its_allocations()
    {
        var file = Read("""
            JobID|JobName|Start|End|NodeList|State
            100|sim|2023-06-01T10:00:00|2023-06-01T11:00:00|node[01-02]|COMPLETED
            100.batch|batch|2023-06-01T10:00:00|2023-06-01T11:00:00|node01|COMPLETED
            100.0|step|2023-06-01T10:01:00|2023-06-01T10:59:00|node[01-02]|COMPLETED
            200_1|arr|2023-06-01T12:00:00|2023-06-01T12:10:00|node03|COMPLETED
            200_1.batch|batch|2023-06-01T12:00:00|2023-06-01T12:10:00|node03|COMPLETED
            200_2|arr|2023-06-01T12:05:00|2023-06-01T12:20:00|node04|COMPLETED
            300|pending|Unknown|Unknown|None assigned|PENDING
            """);
        Assert.Equal(["100", "200"], file.Jobs.Select(j => j.Id));
        var job = file.Jobs[0];
        var allocation = Assert.Single(job.Allocations);
        Assert.Equal(["node01", "node02"], allocation.Nodes);
        Assert.Equal(Utc("2023-06-01T10:00:00Z"), allocation.Start);
        Assert.Equal(Utc("2023-06-01T11:00:00Z"), allocation.End);
        var array = file.Jobs[1];
        Assert.Equal(["200_1", "200_2"], array.Allocations.Select(a => a.Id));
        Assert.Equal(["node03", "node04"], array.Nodes);
        Assert.Equal(Utc("2023-06-01T12:20:00Z"), array.End);
        Assert.Contains(file.Notes, n => n.Contains("job 300 has not started", StringComparison.Ordinal));
    }

    [Fact]
    public void Steps_stand_in_for_a_missing_allocation_line()
    {
        var file = Read("""
            JobID|Start|End|NodeList
            7.batch|2023-06-01T10:00:00|2023-06-01T10:30:00|a1
            7.0|2023-06-01T10:05:00|2023-06-01T10:45:00|a[1-2]
            """);
        var allocation = Assert.Single(Assert.Single(file.Jobs).Allocations);
        Assert.Equal(["a1", "a2"], allocation.Nodes);
        Assert.Equal(Utc("2023-06-01T10:45:00Z"), allocation.End);
    }

    [Theory]
    [InlineData("Unknown")]
    [InlineData("None")]
    public void A_running_job_ends_now_and_says_so(string end)
    {
        var job = Assert.Single(Read($"JobID|Start|End|NodeList\n9|2023-10-31T23:00:00|{end}|n1\n").Jobs);
        Assert.True(job.Running);
        Assert.Equal(Now, job.End);
        Assert.Contains(job.Notes, n => n.Contains("still running", StringComparison.Ordinal));
    }

    [Fact]
    public void Local_times_are_converted_to_utc_in_summer_and_winter()
    {
        var file = Read("""
            JobID|Start|End|NodeList
            1|2023-06-01T10:00:00|2023-06-01T11:00:00|n1
            2|2023-12-01T10:00:00|2023-12-01T11:00:00|n1
            3|2023-06-01T10:00:00+02:00|2023-06-01T11:00:00+02:00|n1
            """, London);
        Assert.Equal(Utc("2023-06-01T09:00:00Z"), file.Jobs[0].Start);
        Assert.Equal(Utc("2023-12-01T10:00:00Z"), file.Jobs[1].Start);
        Assert.Equal(Utc("2023-06-01T08:00:00Z"), file.Jobs[2].Start);
    }

    [Fact]
    public void A_job_across_the_spring_forward_gap_lasts_its_real_time()
    {
        // London, 2023-03-26: 01:00 GMT becomes 02:00 BST. 00:30 to 02:30 local is 00:30Z to 01:30Z: one hour, not two.
        var job = Assert.Single(Read("JobID|Start|End|NodeList\n1|2023-03-26T00:30:00|2023-03-26T02:30:00|n1\n", London).Jobs);
        Assert.Equal(Utc("2023-03-26T00:30:00Z"), job.Start);
        Assert.Equal(Utc("2023-03-26T01:30:00Z"), job.End);
    }

    [Fact]
    public void A_time_inside_the_spring_forward_gap_is_read_with_the_offset_before_it_and_noted()
    {
        var job = Assert.Single(Read("JobID|Start|End|NodeList\n1|2023-03-26T01:30:00|2023-03-26T03:00:00|n1\n", London).Jobs);
        Assert.Equal(Utc("2023-03-26T01:30:00Z"), job.Start);
        Assert.Equal(Utc("2023-03-26T02:00:00Z"), job.End);
        Assert.Contains(job.Notes, n => n.Contains("does not exist in Europe/London", StringComparison.Ordinal));
    }

    [Fact]
    public void Times_in_the_fall_back_hour_take_the_first_occurrence_for_a_start_and_an_end_not_before_it()
    {
        // London, 2023-10-29: 02:00 BST becomes 01:00 GMT, so 01:00-01:59 happen twice (00:xxZ, then 01:xxZ).
        var file = Read("""
            JobID|Start|End|NodeList
            1|2023-10-29T01:10:00|2023-10-29T01:50:00|n1
            2|2023-10-29T01:50:00|2023-10-29T01:10:00|n1
            3|2023-10-29T00:30:00|2023-10-29T03:00:00|n1
            """, London);
        Assert.Equal((Utc("2023-10-29T00:10:00Z"), Utc("2023-10-29T00:50:00Z")), (file.Jobs[0].Start, file.Jobs[0].End));
        // A start in the first 01:50 and an end at the second 01:10: 20 minutes, across the change.
        Assert.Equal((Utc("2023-10-29T00:50:00Z"), Utc("2023-10-29T01:10:00Z")), (file.Jobs[1].Start, file.Jobs[1].End));
        Assert.Contains(file.Jobs[1].Notes, n => n.Contains("happened twice", StringComparison.Ordinal));
        // 00:30 BST to 03:00 GMT is three and a half hours.
        Assert.Equal(TimeSpan.FromHours(3.5), file.Jobs[2].End - file.Jobs[2].Start);
    }

    [Fact]
    public void An_end_before_the_start_makes_the_job_unknown_with_the_line()
    {
        var job = Assert.Single(Read("JobID|Start|End|NodeList\n5|2023-06-01T11:00:00|2023-06-01T10:00:00|n1\n").Jobs);
        Assert.Contains("sacct.txt:2: End 2023-06-01T10:00:00Z is before Start", job.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("JobID|Start|End\n1|2023-06-01T10:00:00|2023-06-01T11:00:00\n", "sacct.txt:1: the header 'JobID|Start|End' has no NodeList column")]
    [InlineData("JobID|Start|End|NodeList\n1|2023-06-01T10:00:00|2023-06-01T11:00:00|n1|\n", "sacct.txt:2: 5 fields separated by '|'")]
    [InlineData("JobID|Start|End|NodeList\nabc|2023-06-01T10:00:00|2023-06-01T11:00:00|n1\n", "sacct.txt:2: JobID 'abc' is not a Slurm job ID")]
    [InlineData("JobID|Start|End|NodeList\n1|01/06/2023 10:00|2023-06-01T11:00:00|n1\n", "sacct.txt:2: Start '01/06/2023 10:00' is not a time")]
    [InlineData("JobID|Start|End|NodeList\n1|2023-06-01T10:00:00|2023-06-01T11:00:00|n[1-\n", "sacct.txt:2: NodeList 'n[1-' has a '['")]
    [InlineData("JobID|Start|End|NodeList\n\n1|2023-06-01T10:00:00|2023-06-01T11:00:00|n1\n1|2023-06-01T10:00:00|2023-06-01T11:00:00|n1\n",
        "sacct.txt:4: JobID 1 appears twice (first on sacct.txt:3)")]
    [InlineData("", "sacct.txt is empty")]
    public void Malformed_input_names_the_file_and_line(string text, string message)
    {
        var error = Assert.Throws<FootprintInputException>(() => Read(text));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
