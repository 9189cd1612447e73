using System.Globalization;

namespace Tern.Entities.Serialization;

/// <summary>Reads a CSV file with a header row (RFC 4180 quoting) and hands out its rows by column name,
/// so that every error can name the file and line it came from.</summary>
public static class CsvRows
{
    /// <summary>The data rows of <paramref name="reader"/>; blank lines are skipped. Throws a
    /// <see cref="FormatException"/> when a required column is missing or a row has the wrong number of fields.</summary>
    public static IEnumerable<CsvRow> Read(TextReader reader, string fileName, params string[] requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine() ?? throw new FormatException($"{fileName}:1: the file is empty; a header row is needed.");
        var names = CsvLine.Split(header);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            columns.TryAdd(names[i].Trim(), i);
        }
        foreach (var required in requiredColumns.Where(c => !columns.ContainsKey(c)))
        {
            throw new FormatException($"{fileName}:1: the header has no column '{required}'; expected columns {string.Join(",", requiredColumns)}, " +
                $"found '{header}'.");
        }
        return Rows(reader, fileName, columns, names.Count);
    }

    private static IEnumerable<CsvRow> Rows(TextReader reader, string fileName, Dictionary<string, int> columns, int width)
    {
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            var fields = CsvLine.Split(text);
            if (fields.Count != width)
            {
                throw new FormatException($"{fileName}:{line}: expected {width} fields as in the header, found {fields.Count}.");
            }
            yield return new CsvRow(fileName, line, fields, columns);
        }
    }
}

/// <summary>One data row of a CSV file, with its file name and line number for error messages.</summary>
public sealed class CsvRow(string file, int line, IReadOnlyList<string> fields, IReadOnlyDictionary<string, int> columns)
{
    public string File { get; } = file;

    public int Line { get; } = line;

    /// <summary>"file:line", the prefix of every message about this row.</summary>
    public string Where => $"{File}:{Line}";

    public string this[string column] => fields[columns[column]].Trim();

    /// <summary>The column as a number; non-numbers are a <see cref="FormatException"/>, NaN and infinities are returned.</summary>
    public double Number(string column)
    {
        var text = this[column];
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"{column} '{text}' is not a number");
    }

    /// <summary>The column as a finite number of at least 0, else a <see cref="FormatException"/>.</summary>
    public double NonNegative(string column)
    {
        var value = Number(column);
        return double.IsFinite(value) && value >= 0 ? value : throw Error($"{column} {this[column]} must be a finite number of at least 0");
    }

    public FormatException Error(string message) => new($"{Where}: {message}.");
}
