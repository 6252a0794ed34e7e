// Writes a deterministic pair of CSV tables with known edits between them: the benchmark kit's input and a test oracle.
using System.Globalization;
using System.Text;

namespace CsvDiff.Cli.Generating;

/// <summary>What to generate. Rates are fractions of the left table's rows.</summary>
internal sealed record GeneratorOptions
{
    public int Rows { get; init; } = 100_000;
    public int Columns { get; init; } = 10;
    public int Seed { get; init; } = 1;
    public double Modified { get; init; } = 0.01;
    public double Added { get; init; } = 0.005;
    public double Removed { get; init; } = 0.005;
    public int CellsPerChange { get; init; } = 1;
    public bool Shuffle { get; init; }
    public int AddColumns { get; init; }
    public int RemoveColumns { get; init; }

    /// <summary>Whether some cells hold line breaks (quoted), as real exports do; some tools cannot read them.</summary>
    public bool LineBreaks { get; init; } = true;
}

/// <summary>How many rows of each kind the pair holds, by construction.</summary>
internal sealed record GeneratedCounts(int Added, int Removed, int Modified, int Unchanged);

internal static class TableGenerator
{
    private static readonly string[] Words =
        ["alpha", "beta", "gamma", "delta", "Zoë", "Ærø", "naïve", "São Paulo", "Kraków", "東京", "data", "report", "north", "south", "value"];

    /// <summary>Writes both tables (keyed by column "id", the first) and returns the counts a correct diff reports.</summary>
    public static GeneratedCounts Write(GeneratorOptions options, Stream left, Stream right)
    {
        var random = new Random(options.Seed);
        var dataColumns = Math.Max(1, options.Columns - 1);
        string[] leftHeader = ["id", .. Enumerable.Range(1, dataColumns).Select(c => $"col{c}")];
        var kept = dataColumns - Math.Min(options.RemoveColumns, dataColumns - 1);
        string[] rightHeader = [.. leftHeader.Take(1 + kept), .. Enumerable.Range(1, options.AddColumns).Select(c => $"new{c}")];

        // Each left row's fate is drawn up front from the seed, so the counts are exact, not expected values.
        var fate = new byte[options.Rows];
        var removed = (int)(options.Rows * options.Removed);
        var modified = (int)(options.Rows * options.Modified);
        var order = Enumerable.Range(0, options.Rows).ToArray();
        random.Shuffle(order);
        for (var i = 0; i < removed + modified && i < order.Length; i++)
        {
            fate[order[i]] = i < removed ? Fate.Removed : Fate.Modified;
        }
        var added = (int)(options.Rows * options.Added);

        using var leftWriter = new StreamWriter(left, new UTF8Encoding(false), 1 << 20, leaveOpen: true) { NewLine = "\n" };
        using var rightWriter = new StreamWriter(right, new UTF8Encoding(false), 1 << 20, leaveOpen: true) { NewLine = "\n" };
        WriteRecord(leftWriter, leftHeader);
        WriteRecord(rightWriter, rightHeader);
        var rightRows = options.Shuffle ? new List<string[]>() : null;
        var cells = new string[leftHeader.Length];
        for (var row = 0; row < options.Rows; row++)
        {
            cells[0] = row.ToString(CultureInfo.InvariantCulture);
            for (var c = 1; c < cells.Length; c++)
            {
                cells[c] = Cell(random, options.LineBreaks);
            }
            WriteRecord(leftWriter, cells);
            if (fate[row] == Fate.Removed)
            {
                continue;
            }
            var rightCells = RightCells(cells, rightHeader.Length, 1 + kept, random, options.LineBreaks);
            if (fate[row] == Fate.Modified)
            {
                for (var n = 0; n < Math.Min(options.CellsPerChange, kept); n++)
                {
                    var column = 1 + ((row + n) % kept);
                    rightCells[column] = Changed(rightCells[column], random);
                }
            }
            Emit(rightWriter, rightRows, rightCells);
        }
        for (var n = 0; n < added; n++)
        {
            var fresh = new string[rightHeader.Length];
            fresh[0] = (options.Rows + n).ToString(CultureInfo.InvariantCulture);
            for (var c = 1; c < fresh.Length; c++)
            {
                fresh[c] = Cell(random, options.LineBreaks);
            }
            Emit(rightWriter, rightRows, fresh);
        }
        if (rightRows is not null)
        {
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rightRows));
            foreach (var shuffled in rightRows)
            {
                WriteRecord(rightWriter, shuffled);
            }
        }
        return new GeneratedCounts(added, removed, modified, options.Rows - removed - modified);
    }

    // A row's fate; 0, the array's default, is "unchanged".
    private static class Fate
    {
        public const byte Removed = 1;
        public const byte Modified = 2;
    }

    private static string[] RightCells(string[] left, int width, int keptWidth, Random random, bool lineBreaks)
    {
        var cells = new string[width];
        Array.Copy(left, cells, keptWidth);
        for (var c = keptWidth; c < width; c++)
        {
            cells[c] = Cell(random, lineBreaks);
        }
        return cells;
    }

    private static void Emit(StreamWriter writer, List<string[]>? buffer, string[] cells)
    {
        if (buffer is null)
        {
            WriteRecord(writer, cells);
        }
        else
        {
            buffer.Add(cells);
        }
    }

    // Mostly plain words and numbers, sometimes the text that makes CSV hard: delimiters, quotes, line breaks.
    private static string Cell(Random random, bool lineBreaks) => random.Next(20) switch
    {
        0 => $"{Words[random.Next(Words.Length)]}, {Words[random.Next(Words.Length)]}",
        1 => $"say \"{Words[random.Next(Words.Length)]}\"",
        2 => $"{Words[random.Next(Words.Length)]}{(lineBreaks ? "\n" : " / ")}{Words[random.Next(Words.Length)]}",
        < 10 => (random.Next(1_000_000) / 100.0).ToString("0.00", CultureInfo.InvariantCulture),
        _ => $"{Words[random.Next(Words.Length)]} {random.Next(10_000).ToString(CultureInfo.InvariantCulture)}",
    };

    private static string Changed(string value, Random random) => $"{value} {Words[random.Next(Words.Length)]}";

    private static void WriteRecord(StreamWriter writer, string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }
            var cell = cells[i];
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                writer.Write('"');
                writer.Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(cell);
            }
        }
        writer.WriteLine();
    }
}
