// What a reader of one input can settle before both headers are read: the delimiter, and which hashes to take on the way.
using CsvDiff.Reading;
using CsvDiff.Schema;

namespace CsvDiff.Fingerprinting;

/// <summary>How to read one input: the delimiter when fixed in advance, and the hashes to take while reading (none when null).</summary>
internal sealed record ReadPlan(char? Delimiter, int[]? HashColumns, int[]? KeyPositions, RowHashForm HashForm = RowHashForm.Cells)
{
    public static readonly ReadPlan None = new(null, null, null);

    /// <summary>Whether hashes taken by this plan are the ones asked for now.</summary>
    public bool Covers(int[] columns, int[] keyPositions, RowHashForm form) =>
        HashColumns is { } planned && KeyPositions is { } plannedKeys && planned.AsSpan().SequenceEqual(columns)
        && plannedKeys.AsSpan().SequenceEqual(keyPositions) && HashForm == form;

    /// <summary>
    /// The plans that quick looks at both inputs' starts predict: each look's delimiter (when none is given) and the columns
    /// to hash. A prediction that proves wrong costs a second pass over the input, never a different result.
    /// </summary>
    public static (ReadPlan Left, ReadPlan Right) Expected(DiffOptions options, TableSniff? leftLook, TableSniff? rightLook)
    {
        if (leftLook is not { Problem: null } || rightLook is not { Problem: null })
        {
            return (None, None);
        }
        char? DelimiterOf(TableSniff look) => options.Csv.Delimiter is null ? look.Delimiter : null;
        try
        {
            var expected = ColumnMatcher.Match(new TableHeader("left", [.. leftLook.Columns]), new TableHeader("right", [.. rightLook.Columns]), options);
            var form = RowFingerprints.FormFor(expected, (byte)(options.Csv.Delimiter ?? leftLook.Delimiter),
                (byte)(options.Csv.Delimiter ?? rightLook.Delimiter));
            return (new(DelimiterOf(leftLook), expected.LeftCompared, expected.KeyPositions, form),
                    new(DelimiterOf(rightLook), expected.RightCompared, expected.KeyPositions, form));
        }
        catch (CsvDiffException)
        {
            // The headers as read will say what is wrong, in the words TableDiff.Compare uses.
            return (new(DelimiterOf(leftLook), null, null), new(DelimiterOf(rightLook), null, null));
        }
    }
}
