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
    /// A source that can give <paramref name="rows"/> (and perhaps others): what the later stages read cells through. Rows
    /// read for it are kept as one string a cell when <paramref name="scored"/> (content pairing and rename detection look at
    /// every cell of every row, many times), else as <see cref="RowCells"/>, in fewer objects.
    /// </summary>
    IRowSource Fetch(IReadOnlyCollection<int> rows, bool scored);
}
