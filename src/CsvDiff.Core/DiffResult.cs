// The diff result: the one model every output format and the viewer render.
namespace CsvDiff;

/// <summary>How rows were paired.</summary>
public enum DiffMode
{
    /// <summary>Rows were paired by the values of key columns.</summary>
    Key,
    /// <summary>Rows were paired by content: identical rows first, then similar ones.</summary>
    Content,
}

/// <summary>What happened to a row between the left and the right table.</summary>
public enum RowChangeType
{
    /// <summary>Only in the right table.</summary>
    Added,
    /// <summary>Only in the left table.</summary>
    Removed,
    /// <summary>In both, with at least one compared cell different.</summary>
    Modified,
    /// <summary>In both, every compared cell equal.</summary>
    Unchanged,
}

/// <summary>The text encoding an input was read in.</summary>
public enum TextEncoding
{
    /// <summary>UTF-8 without a byte order mark.</summary>
    Utf8,
    /// <summary>UTF-8 with a byte order mark.</summary>
    Utf8Bom,
    /// <summary>UTF-16 little endian.</summary>
    Utf16LittleEndian,
    /// <summary>UTF-16 big endian.</summary>
    Utf16BigEndian,
    /// <summary>Windows-1252, the fallback for bytes that are not valid UTF-8.</summary>
    Windows1252,
}

/// <summary>What was learned about one input while reading it.</summary>
/// <param name="Name">The input's <see cref="TableInput.Name"/>.</param>
/// <param name="Encoding">The encoding it was read in.</param>
/// <param name="Delimiter">The field delimiter used, given or detected.</param>
/// <param name="HasHeader">Whether the first record named the columns.</param>
/// <param name="Columns">The column names, in file order.</param>
/// <param name="RowCount">The number of data records (blank lines and the header excluded).</param>
public sealed record TableInfo(string Name, TextEncoding Encoding, char Delimiter, bool HasHeader, IReadOnlyList<string> Columns, int RowCount);

/// <summary>A column that is called differently on the right but holds the same values.</summary>
public sealed record ColumnRename(string From, string To);

/// <summary>How the two tables' columns relate.</summary>
/// <param name="Left">The left table's columns, in order.</param>
/// <param name="Right">The right table's columns, in order.</param>
/// <param name="Added">Columns only on the right (renames excluded), in right order.</param>
/// <param name="Removed">Columns only on the left (renames excluded), in left order.</param>
/// <param name="Renamed">Columns that changed name, in right order.</param>
/// <param name="Reordered">Shared columns whose position relative to the others changed; not a data change.</param>
/// <param name="Compared">The columns whose cells were compared, by right-hand name, in right order.</param>
public sealed record SchemaDiff(
    IReadOnlyList<string> Left,
    IReadOnlyList<string> Right,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<ColumnRename> Renamed,
    IReadOnlyList<string> Reordered,
    IReadOnlyList<string> Compared)
{
    /// <summary>Whether columns were added, removed or renamed (reordering alone does not count).</summary>
    public bool HasChanges => Added.Count > 0 || Removed.Count > 0 || Renamed.Count > 0;
}

/// <summary>How many rows of each kind there are.</summary>
public sealed record DiffSummary(int Added, int Removed, int Modified, int Unchanged);

/// <summary>Whether a piece of a modified value was kept, deleted from the old value or inserted into the new one.</summary>
public enum SegmentKind
{
    /// <summary>In both the old and the new value.</summary>
    Equal,
    /// <summary>Only in the old value.</summary>
    Deleted,
    /// <summary>Only in the new value.</summary>
    Inserted,
}

/// <summary>One piece of a word-level comparison of an old and a new value.</summary>
public readonly record struct TextSegment(SegmentKind Kind, string Text);

/// <summary>One compared cell whose value differs.</summary>
/// <param name="Column">The column's right-hand name.</param>
/// <param name="OldValue">The left value, as written in the file.</param>
/// <param name="NewValue">The right value, as written in the file.</param>
/// <param name="Segments">Word-level pieces when <see cref="DiffOptions.InlineSegments"/> is set, else null.</param>
public sealed record CellChange(string Column, string OldValue, string NewValue, IReadOnlyList<TextSegment>? Segments);

/// <summary>One row of the diff.</summary>
/// <param name="Type">What happened to the row.</param>
/// <param name="Key">The key values (left values where both sides have the row); empty in content mode.</param>
/// <param name="LeftLine">The 1-based physical line where the record starts on the left, when it is there.</param>
/// <param name="RightLine">The same on the right.</param>
/// <param name="LeftValues">Every left cell, by left column index, when the row is on the left.</param>
/// <param name="RightValues">Every right cell, by right column index, when the row is on the right.</param>
/// <param name="Changes">The compared cells that differ, in right column order; empty unless modified.</param>
public sealed record RowDiff(
    RowChangeType Type,
    IReadOnlyList<string> Key,
    int? LeftLine,
    int? RightLine,
    IReadOnlyList<string>? LeftValues,
    IReadOnlyList<string>? RightValues,
    IReadOnlyList<CellChange> Changes)
{
    /// <summary>
    /// Whether the row left the order the other rows kept (not a difference). Set only when
    /// <see cref="DiffOptions.PatchContext"/> asks for what a patch needs; false otherwise.
    /// </summary>
    public bool Moved { get; init; }
}

/// <summary>
/// The complete difference between two tables. Rows come in one deterministic order: right-table order,
/// with each removed row placed after the row that preceded it on the left.
/// </summary>
/// <param name="Mode">How rows were paired.</param>
/// <param name="Key">The key columns (right-hand names); empty in content mode.</param>
/// <param name="Left">What was learned reading the left input.</param>
/// <param name="Right">What was learned reading the right input.</param>
/// <param name="Columns">How the columns relate.</param>
/// <param name="Summary">Row counts by kind.</param>
/// <param name="Rows">Changed rows, and unchanged ones when asked for; none when only the counts were (<see cref="DiffOptions.CountsOnly"/>).</param>
/// <param name="Notices">Things the user should know that are not errors: fallbacks, detections, ragged rows.</param>
public sealed record DiffResult(
    DiffMode Mode,
    IReadOnlyList<string> Key,
    TableInfo Left,
    TableInfo Right,
    SchemaDiff Columns,
    DiffSummary Summary,
    IReadOnlyList<RowDiff> Rows,
    IReadOnlyList<string> Notices)
{
    /// <summary>Whether the tables differ: rows added, removed or modified, or columns added, removed or renamed.</summary>
    public bool HasDifferences => Summary.Added + Summary.Removed + Summary.Modified > 0 || Columns.HasChanges;
}
