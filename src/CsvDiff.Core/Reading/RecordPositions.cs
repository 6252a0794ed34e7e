// Where each record of a table starts and on which line, in about 4 bytes a row: the largest part of a streamed table's index.
namespace CsvDiff.Reading;

/// <summary>
/// Each record's byte offset and line number, added in file order. An offset is kept as its low 32 bits: offsets only grow,
/// and by less than 4 GB from one record to the next (a record is under 2 GB), so the high bits are the count of earlier
/// wrap-arounds, kept in a short list. A line number is the row's number plus the line breaks before it that do not end a
/// record (inside quoted cells, blank lines, the header's), which change only at the rows that follow them: those rows and
/// the new count are kept in a list, empty for most files. A long[] and an int[] took 12 bytes a row; this takes 4 and a bit.
/// </summary>
internal sealed class RecordPositions
{
    private uint[] _startLows;
    private readonly List<int> _wraps = [];
    private readonly List<(int Row, int Extra)> _extraLines = [];
    private uint _lastLow;
    private int _extra;

    public RecordPositions(int capacity) => _startLows = new uint[capacity];

    public int Count { get; private set; }

    public int Capacity => _startLows.Length;

    /// <summary>Room for <paramref name="capacity"/> rows in all; the rows added so far are kept.</summary>
    public void Resize(int capacity) => Array.Resize(ref _startLows, capacity);

    /// <summary>Adds the next record: it starts at <paramref name="start"/>, after every record added so far, on <paramref name="line"/>.</summary>
    public void Add(long start, int line)
    {
        var row = Count;
        var low = (uint)start;
        if (row > 0 && low < _lastLow)
        {
            _wraps.Add(row);
        }
        var extra = line - 1 - row;
        if (extra != _extra || row == 0)
        {
            _extraLines.Add((row, extra));
            _extra = extra;
        }
        _startLows[row] = low;
        _lastLow = low;
        Count = row + 1;
    }

    /// <summary>
    /// Adds the rows of <paramref name="part"/>, the positions of the records that follow these (offsets from the table's
    /// start, lines counted from 1 after <paramref name="linesBefore"/>); there must be room for them.
    /// </summary>
    public void Append(RecordPositions part, int linesBefore)
    {
        var (at, rows) = (Count, part.Count);
        var nextExtra = 0;
        for (var row = 0; row < rows; row++)
        {
            // The part's offsets are the table's, so its wrap-arounds are found as Add finds them (and one between these rows'
            // last and its first, which it could not see).
            var low = part._startLows[row];
            if (at + row > 0 && low < _lastLow)
            {
                _wraps.Add(at + row);
            }
            if (nextExtra < part._extraLines.Count && part._extraLines[nextExtra].Row == row)
            {
                // In the part, row r on line l has l - 1 - r lines before it that end no record; here it is row at + r on line
                // l + linesBefore.
                var extra = part._extraLines[nextExtra++].Extra + linesBefore - at;
                if (extra != _extra || at + row == 0)
                {
                    _extraLines.Add((at + row, extra));
                    _extra = extra;
                }
            }
            _startLows[at + row] = low;
            _lastLow = low;
        }
        Count = at + rows;
    }

    public long StartOf(int row) => ((long)WrapsUpTo(row) << 32) | _startLows[row];

    public int LineOf(int row)
    {
        // The last change at or before the row; the first row always records one.
        var (low, high) = (0, _extraLines.Count - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = _extraLines[middle].Row <= row ? (middle, high) : (low, middle - 1);
        }
        return row + 1 + _extraLines[low].Extra;
    }

    private int WrapsUpTo(int row)
    {
        var wraps = 0;
        while (wraps < _wraps.Count && _wraps[wraps] <= row)
        {
            wraps++;
        }
        return wraps;
    }
}
