// Record positions are kept in about 4 bytes a row; every row must still give back the offset and line it was added with.
using CsCheck;
using CsvDiff.Reading;

namespace CsvDiff.Tests.Reading;

public class RecordPositionsTests
{
    [Fact]
    public void Every_row_gives_back_its_offset_and_line_across_4_GB_boundaries()
    {
        // Gaps up to 2 GB (the longest record) cross many 4 GB boundaries; extra lines stand for line breaks in quoted cells
        // and blank lines, which move every later row's line.
        var rows = Gen.Select(Gen.OneOf(Gen.Long[1, 200], Gen.Long[1, int.MaxValue]), Gen.OneOf(Gen.Const(0), Gen.Int[0, 3])).Array[1, 300];
        rows.Sample(steps =>
        {
            var positions = new RecordPositions(4);
            var expected = new List<(long Start, int Line)>();
            var (start, line) = (0L, 2);
            foreach (var (gap, extraLines) in steps)
            {
                if (positions.Count == positions.Capacity)
                {
                    positions.Resize(positions.Capacity * 2);
                }
                positions.Add(start, line);
                expected.Add((start, line));
                start += gap;
                line += 1 + extraLines;
            }
            for (var row = 0; row < expected.Count; row++)
            {
                Assert.Equal(expected[row], (positions.StartOf(row), positions.LineOf(row)));
            }
        }, seed: new PCG(16, 20261202).ToString(), iter: 500, threads: 1);
    }
}
