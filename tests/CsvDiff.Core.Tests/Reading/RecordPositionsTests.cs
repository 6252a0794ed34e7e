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

    // A part read by another thread keeps its rows' offsets in the table and their lines from 1: appended, every row must give
    // back what it would have had added here, across 4 GB boundaries inside the part or between the parts.
    [Fact]
    public void Rows_of_a_later_part_appended_give_back_their_offsets_and_lines()
    {
        var rows = Gen.Select(Gen.OneOf(Gen.Long[1, 200], Gen.Long[1, int.MaxValue]), Gen.OneOf(Gen.Const(0), Gen.Int[0, 3])).Array[1, 300];
        Gen.Select(rows, Gen.Int[0, 300], Gen.Int[0, 2]).Sample((steps, cutAt, blankLinesAtCut) =>
        {
            var cut = Math.Min(cutAt, steps.Length);
            var (whole, first, part) = (new RecordPositions(steps.Length), new RecordPositions(steps.Length), new RecordPositions(steps.Length));
            var (start, line, partLine, linesBefore) = (0L, 2, 1, 0);
            for (var row = 0; row <= steps.Length; row++)
            {
                if (row == cut)
                {
                    // The part's line 1 is the line after the first part's last; its first row may follow blank lines.
                    linesBefore = line - 1;
                    (line, partLine) = (line + blankLinesAtCut, 1 + blankLinesAtCut);
                }
                if (row == steps.Length)
                {
                    break;
                }
                whole.Add(start, line);
                if (row < cut)
                {
                    first.Add(start, line);
                }
                else
                {
                    part.Add(start, partLine);
                }
                var (gap, extraLines) = steps[row];
                start += gap;
                line += 1 + extraLines;
                partLine += row >= cut ? 1 + extraLines : 0;
            }
            first.Append(part, linesBefore);
            Assert.Equal(whole.Count, first.Count);
            for (var row = 0; row < whole.Count; row++)
            {
                Assert.Equal((whole.StartOf(row), whole.LineOf(row)), (first.StartOf(row), first.LineOf(row)));
            }
        }, seed: new PCG(30, 20261205).ToString(), iter: 500, threads: 1);
    }
}
