// DiffResult to compact bytes and back: how an engine worker hands its result to the page without a JSON round trip.
using System.Text;

namespace CsvDiff.Web.Engine;

internal static class ResultCodec
{
    // Bumped whenever the layout changes; page and worker always come from one build, so a mismatch means a stale cache.
    private const int FormatVersion = 1;

    public static byte[] Encode(DiffResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write((byte)result.Mode);
            WriteStrings(writer, result.Key);
            WriteTable(writer, result.Left);
            WriteTable(writer, result.Right);
            var columns = result.Columns;
            WriteStrings(writer, columns.Left);
            WriteStrings(writer, columns.Right);
            WriteStrings(writer, columns.Added);
            WriteStrings(writer, columns.Removed);
            writer.Write(columns.Renamed.Count);
            foreach (var rename in columns.Renamed)
            {
                writer.Write(rename.From);
                writer.Write(rename.To);
            }
            WriteStrings(writer, columns.Reordered);
            WriteStrings(writer, columns.Compared);
            writer.Write(result.Summary.Added);
            writer.Write(result.Summary.Removed);
            writer.Write(result.Summary.Modified);
            writer.Write(result.Summary.Unchanged);
            writer.Write(result.Rows.Count);
            foreach (var row in result.Rows)
            {
                WriteRow(writer, row);
            }
            WriteStrings(writer, result.Notices);
        }
        return buffer.ToArray();
    }

    public static DiffResult Decode(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"the engine worker sent result format {version}, the page reads {FormatVersion}; reload the page");
        }
        var mode = (DiffMode)reader.ReadByte();
        var key = ReadStrings(reader);
        var left = ReadTable(reader);
        var right = ReadTable(reader);
        var leftColumns = ReadStrings(reader);
        var rightColumns = ReadStrings(reader);
        var added = ReadStrings(reader);
        var removed = ReadStrings(reader);
        var renamed = new ColumnRename[reader.ReadInt32()];
        for (var i = 0; i < renamed.Length; i++)
        {
            renamed[i] = new ColumnRename(reader.ReadString(), reader.ReadString());
        }
        var reordered = ReadStrings(reader);
        var compared = ReadStrings(reader);
        var summary = new DiffSummary(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var rows = new RowDiff[reader.ReadInt32()];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = ReadRow(reader);
        }
        var notices = ReadStrings(reader);
        return new DiffResult(mode, key, left, right, new SchemaDiff(leftColumns, rightColumns, added, removed, renamed, reordered, compared), summary, rows, notices);
    }

    private static void WriteTable(BinaryWriter writer, TableInfo table)
    {
        writer.Write(table.Name);
        writer.Write((byte)table.Encoding);
        writer.Write(table.Delimiter);
        writer.Write(table.HasHeader);
        WriteStrings(writer, table.Columns);
        writer.Write(table.RowCount);
    }

    private static TableInfo ReadTable(BinaryReader reader) =>
        new(reader.ReadString(), (TextEncoding)reader.ReadByte(), reader.ReadChar(), reader.ReadBoolean(), ReadStrings(reader), reader.ReadInt32());

    private static void WriteRow(BinaryWriter writer, RowDiff row)
    {
        writer.Write((byte)row.Type);
        WriteStrings(writer, row.Key);
        writer.Write(row.LeftLine ?? 0);
        writer.Write(row.RightLine ?? 0);
        WriteOptionalStrings(writer, row.LeftValues);
        WriteOptionalStrings(writer, row.RightValues);
        writer.Write(row.Changes.Count);
        foreach (var change in row.Changes)
        {
            writer.Write(change.Column);
            writer.Write(change.OldValue);
            writer.Write(change.NewValue);
            writer.Write(change.Segments is not null);
            if (change.Segments is { } segments)
            {
                writer.Write(segments.Count);
                foreach (var segment in segments)
                {
                    writer.Write((byte)segment.Kind);
                    writer.Write(segment.Text);
                }
            }
        }
    }

    private static RowDiff ReadRow(BinaryReader reader)
    {
        var type = (RowChangeType)reader.ReadByte();
        var key = ReadStrings(reader);
        var leftLine = reader.ReadInt32();
        var rightLine = reader.ReadInt32();
        var leftValues = ReadOptionalStrings(reader);
        var rightValues = ReadOptionalStrings(reader);
        var changes = new CellChange[reader.ReadInt32()];
        for (var i = 0; i < changes.Length; i++)
        {
            var column = reader.ReadString();
            var oldValue = reader.ReadString();
            var newValue = reader.ReadString();
            TextSegment[]? segments = null;
            if (reader.ReadBoolean())
            {
                segments = new TextSegment[reader.ReadInt32()];
                for (var s = 0; s < segments.Length; s++)
                {
                    segments[s] = new TextSegment((SegmentKind)reader.ReadByte(), reader.ReadString());
                }
            }
            changes[i] = new CellChange(column, oldValue, newValue, segments);
        }
        // Lines are 1-based, so 0 stands for "not on this side".
        return new RowDiff(type, key, leftLine == 0 ? null : leftLine, rightLine == 0 ? null : rightLine, leftValues, rightValues, changes);
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static string[] ReadStrings(BinaryReader reader)
    {
        var values = new string[reader.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.ReadString();
        }
        return values;
    }

    private static void WriteOptionalStrings(BinaryWriter writer, IReadOnlyList<string>? values)
    {
        writer.Write(values is not null);
        if (values is not null)
        {
            WriteStrings(writer, values);
        }
    }

    private static string[]? ReadOptionalStrings(BinaryReader reader) => reader.ReadBoolean() ? ReadStrings(reader) : null;
}
