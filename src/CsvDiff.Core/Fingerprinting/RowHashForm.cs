// What a row's hash is taken over; both tables of a diff hash their rows in one form, or equal rows would not meet.
namespace CsvDiff.Fingerprinting;

/// <summary>What a row hash covers. <see cref="RowFingerprints.FormFor"/> picks it from the column plan and both delimiters.</summary>
internal enum RowHashForm : byte
{
    /// <summary>Each compared cell in canonical form, hashed alone, the cell hashes combined in order. For tables whose delimiters differ.</summary>
    Cells,

    /// <summary>
    /// The compared cells in canonical form, written out as one record with the delimiter both tables share, and that record
    /// hashed. Written out, a delimiter or line feed inside a cell is preceded by a line feed, so two lists of cells never
    /// give the same record. A record that is read with no quotes, whose cells are all compared in order and that the value
    /// options leave as they are, is already written out: its bytes are hashed as they are, with no copy and no step per cell.
    /// </summary>
    CanonicalRecord,

    /// <summary>
    /// The record's bytes as they are: equal bytes mean equal cells, and records that differ only in form are compared cell
    /// by cell like any changed row. Only when rows pair by key, so that the row hash never decides which rows pair.
    /// </summary>
    RawRecord,
}
