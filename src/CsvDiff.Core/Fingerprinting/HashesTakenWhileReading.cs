// The hashes a read takes on its way through an input, when a plan predicted which ones the diff will ask for: kept until it asks.
using CsvDiff.Comparison;
using CsvDiff.Reading;

namespace CsvDiff.Fingerprinting;

internal sealed class HashesTakenWhileReading
{
    private readonly ReadPlan _plan;
    private RowFingerprints.Builder? _builder;
    private RowFingerprints? _prints;

    private HashesTakenWhileReading(ReadPlan plan, RowFingerprints.Builder builder) => (_plan, _builder) = (plan, builder);

    /// <summary>The hashes <paramref name="plan"/> asks for, to be taken by one read; null when it asks for none.</summary>
    public static HashesTakenWhileReading? For(ReadPlan plan, ValueNormalizer normalizer) =>
        plan is { HashColumns: { } columns, KeyPositions: { } keys }
            ? new(plan, new RowFingerprints.Builder(columns, keys, normalizer, plan.HashForm))
            : null;

    /// <summary>What the read visits each record with.</summary>
    public IRecordVisitor Visitor => Builder;

    private RowFingerprints.Builder Builder => _builder ?? throw new InvalidOperationException("the read that took these hashes is over");

    /// <summary>The read is over, with <paramref name="rowCount"/> rows.</summary>
    public void Finish(int rowCount)
    {
        _prints = Builder.Build(rowCount);
        _builder = null;
    }

    /// <summary>
    /// The hashes, when they are the ones asked for and not taken yet; null otherwise. The caller keeps them from here on, and
    /// the table need not.
    /// </summary>
    public RowFingerprints? Take(int[] columns, int[] keyPositions, RowHashForm form)
    {
        if (_prints is not { } prints || !_plan.Covers(columns, keyPositions, form))
        {
            return null;
        }
        _prints = null;
        return prints;
    }
}
