// What a row's hash is taken over; both tables of a diff hash their rows in one form, or equal rows would not meet.
namespace CsvDiff.Fingerprinting;

/// <summary>What a row hash covers. <see cref="RowFingerprints.FormFor"/> picks it from the column plan and both delimiters.</summary>
internal enum RowHashForm : byte
{
    /// <summary>
    /// Each compared cell in canonical form, hashed alone, the cell hashes combined in order. For tables whose delimiters
    /// differ, and for one column's values alone (the search for a key).
    /// </summary>
    Cells,

    /// <summary>
    /// The compared cells in canonical form, written out as one CSV record with the delimiter both tables share, each cell
    /// quoted exactly when it holds the delimiter, a quote or a line break (as CSV writers quote), and that record hashed. Two
    /// lists of cells never give the same record. A record as writers write it, whose compared cells are its first fields in
    /// order and left as they are by the value options, is therefore written out already (in its leading bytes, when more
    /// fields follow): its bytes are hashed as read, with no copy and no call per cell.
    /// </summary>
    CanonicalRecord,

    /// <summary>
    /// The record's bytes as they are: equal bytes mean equal cells, and records that differ only in form are compared cell
    /// by cell like any changed row. Only when rows pair by key, so that the row hash never decides which rows pair.
    /// </summary>
    RawRecord,
}
