using System.Globalization;

namespace Tern.Aws.Records;

/// <summary>The sort keys (<c>invocationId</c>) of the invocation table's items. Records sort by start time, so
/// "every record since T" is one range query; a run's join state is one item per run beside them.</summary>
public static class RecordKeys
{
    public const string RecordPrefix = "record/";
    public const string RunPrefix = "run/";

    // Fixed width (seven fraction digits, Z), so string order is time order.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary><c>record/&lt;startedAt&gt;/&lt;runId&gt;/&lt;instance&gt;/&lt;requestId&gt;</c>.</summary>
    public static string Record(InvocationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return $"{RecordPrefix}{Time(record.StartedAt)}/{record.RunId}/{record.Instance}/{record.RequestId}";
    }

    /// <summary>The smallest key of a record that started at or after <paramref name="since"/>.</summary>
    public static string RecordsFrom(DateTimeOffset since) => RecordPrefix + Time(since);

    /// <summary>A key after every record key ('~' sorts after digits).</summary>
    public const string RecordsEnd = RecordPrefix + "~";

    /// <summary><c>run/&lt;runId&gt;</c>: the run's state (joins, failure).</summary>
    public static string Run(string runId) => RunPrefix + runId;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
}
