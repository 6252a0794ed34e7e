// Progress reports the engine sends while it works, so hosts can draw a bar without knowing the stages.
namespace CsvDiff;

/// <summary>The stages of a diff, in the order they run.</summary>
public enum DiffPhase
{
    /// <summary>Decoding and splitting both inputs into records.</summary>
    Reading,
    /// <summary>Hashing keys and row contents.</summary>
    Hashing,
    /// <summary>Pairing rows of the two tables.</summary>
    Matching,
    /// <summary>Comparing the cells of paired rows that differ.</summary>
    Comparing,
}

/// <summary>How far a diff has come: the current phase and the fraction of the whole run done, from 0 to 1.</summary>
public readonly record struct DiffProgress(DiffPhase Phase, double Fraction);
