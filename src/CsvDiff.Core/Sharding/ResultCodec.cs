// DiffResult to compact bytes and back: how an engine worker hands its result to the page without a JSON round trip.
namespace CsvDiff.Sharding;

/// <summary>Writes a <see cref="DiffResult"/> as compact bytes and reads it back, for a host that builds results in one place and shows them in another.</summary>
public static class ResultCodec
{
    // Bumped whenever the layout changes; page and worker always come from one build, so a mismatch means a stale cache.
    private const int FormatVersion = 3;

    /// <summary>The result as bytes that <see cref="Decode"/> reads back into an equal result.</summary>
    public static byte[] Encode(DiffResult result) => Wire.WritePacked(writer =>
    {
        writer.Write(FormatVersion);
        writer.Write((byte)result.Mode);
        writer.WriteStrings(result.Key);
        WriteTable(writer, result.Left);
        WriteTable(writer, result.Right);
        var columns = result.Columns;
        writer.WriteStrings(columns.Left);
        writer.WriteStrings(columns.Right);
        writer.WriteStrings(columns.Added);
        writer.WriteStrings(columns.Removed);
        writer.Write(columns.Renamed.Count);
        foreach (var rename in columns.Renamed)
        {
            writer.Write(rename.From);
            writer.Write(rename.To);
        }
        writer.WriteStrings(columns.Reordered);
        writer.WriteStrings(columns.Compared);
        writer.Write(result.Summary.Added);
        writer.Write(result.Summary.Removed);
        writer.Write(result.Summary.Modified);
        writer.Write(result.Summary.Unchanged);
        writer.Write(result.Rows.Count);
        foreach (var row in result.Rows)
        {
            WriteRow(writer, row);
        }
        writer.WriteStrings(result.Notices);
    });

    /// <summary>The result <paramref name="bytes"/> hold.</summary>
    /// <exception cref="InvalidDataException">The bytes were written by another version of the engine.</exception>
    public static DiffResult Decode(ReadOnlyMemory<byte> bytes) => Wire.ReadPacked(bytes, reader =>
    {
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"the engine worker sent result format {version}, the page reads {FormatVersion}; reload the page");
        }
        var mode = (DiffMode)reader.ReadByte();
        var key = reader.ReadStrings();
        var left = ReadTable(reader);
        var right = ReadTable(reader);
        var leftColumns = reader.ReadStrings();
        var rightColumns = reader.ReadStrings();
        var added = reader.ReadStrings();
        var removed = reader.ReadStrings();
        var renamed = new ColumnRename[reader.ReadInt32()];
        for (var i = 0; i < renamed.Length; i++)
        {
            renamed[i] = new ColumnRename(reader.ReadString(), reader.ReadString());
        }
        var reordered = reader.ReadStrings();
        var compared = reader.ReadStrings();
        var summary = new DiffSummary(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var rows = new RowDiff[reader.ReadInt32()];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = ReadRow(reader);
        }
        var notices = reader.ReadStrings();
        return new DiffResult(mode, key, left, right, new SchemaDiff(leftColumns, rightColumns, added, removed, renamed, reordered, compared), summary, rows, notices);
    });

    private static void WriteTable(BinaryWriter writer, TableInfo table)
    {
        writer.Write(table.Name);
        writer.Write((byte)table.Encoding);
        writer.Write(table.Delimiter);
        writer.Write(table.HasHeader);
        writer.WriteStrings(table.Columns);
        writer.Write(table.RowCount);
    }

    private static TableInfo ReadTable(BinaryReader reader) =>
        new(reader.ReadString(), (TextEncoding)reader.ReadByte(), reader.ReadChar(), reader.ReadBoolean(), reader.ReadStrings(), reader.ReadInt32());

    private static void WriteRow(BinaryWriter writer, RowDiff row)
    {
        writer.Write((byte)row.Type);
        writer.WriteStrings(row.Key);
        writer.Write(row.LeftLine ?? 0);
        writer.Write(row.RightLine ?? 0);
        writer.Write(row.Moved);
        writer.WriteOptionalStrings(row.LeftValues);
        writer.WriteOptionalStrings(row.RightValues);
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
        var key = reader.ReadStrings();
        var leftLine = reader.ReadInt32();
        var rightLine = reader.ReadInt32();
        var moved = reader.ReadBoolean();
        var leftValues = reader.ReadOptionalStrings();
        var rightValues = reader.ReadOptionalStrings();
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
        return new RowDiff(type, key, leftLine == 0 ? null : leftLine, rightLine == 0 ? null : rightLine, leftValues, rightValues, changes)
        {
            Moved = moved,
        };
    }
}
