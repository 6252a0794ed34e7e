// Where a read table's rows are kept for the stages after reading: in memory whole, or in the input's stream, read back on demand.
using CsvDiff.Comparison;
using CsvDiff.Fingerprinting;
using CsvDiff.Internals;

namespace CsvDiff.Reading;

internal interface ITableStore
{
    TableHeader Header { get; }

    TableInfo Info { get; }

    IReadOnlyList<string> Notices { get; }

    /// <summary>The fingerprints of every row for these columns: a pass over the table, unless they were taken while reading it.</summary>
    RowFingerprints Hash(int[] columns, int[] keyPositions, RowHashForm form, ValueNormalizer normalizer, PartitionRunner runner);

    /// <summary>
    /// A source that can give <paramref name="rows"/> (and perhaps others): what the later stages read cells through. With
    /// <paramref name="compared"/> every row's cells are to be compared one by one, so rows read for it are kept as one string
    /// a cell; without, as <see cref="RowCells"/>, in fewer objects, for rows the result keeps whole.
    /// </summary>
    IRowSource Fetch(IReadOnlyCollection<int> rows, bool compared);
}
