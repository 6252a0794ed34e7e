// The viewer's options, mirroring the command line's flags; kept in local storage across reloads (inputs never are).
using System.Globalization;
using System.Text.Json.Serialization;

namespace CsvDiff.Web.State;

public enum KeyMode
{
    Content,
    Auto,
    Columns,
}

// Setters, not init: the JSON source generator assigns every init-only member, absent ones as null, which would undo the defaults below.
public sealed record ViewerSettings
{
    public KeyMode KeyMode { get; set; } = KeyMode.Content;
    public List<string> KeyColumns { get; set; } = [];
    public bool PairDuplicateKeys { get; set; }
    public double Similarity { get; set; } = 0.5;
    public List<string> IgnoreColumns { get; set; } = [];
    public bool IgnoreCase { get; set; }
    public bool Trim { get; set; }
    public bool CollapseWhitespace { get; set; }
    public bool EmptyEqualsNull { get; set; }
    public string NullValues { get; set; } = "NULL,null";
    public bool Numeric { get; set; }
    public double Tolerance { get; set; }
    public double RelativeTolerance { get; set; }

    /// <summary>"auto", or the delimiter itself ("\t" for tab).</summary>
    public string Delimiter { get; set; } = "auto";
    public bool HasHeader { get; set; } = true;
    public bool AllowRagged { get; set; }
    public bool ShowUnchanged { get; set; }
    public bool InlineSegmentsInExport { get; set; }
    public bool SafeCsvExport { get; set; }

    /// <summary>"system", "light" or "dark".</summary>
    public string Theme { get; set; } = "system";

    /// <summary>The engine options these settings stand for: what `csvdiff` would run with the same flags.</summary>
    public DiffOptions ToDiffOptions() => new()
    {
        Key = KeyMode == KeyMode.Columns ? KeyColumns : [],
        AutoKey = KeyMode == KeyMode.Auto,
        DuplicateKeys = PairDuplicateKeys ? DuplicateKeyPolicy.Pair : DuplicateKeyPolicy.Error,
        Similarity = Similarity,
        IgnoreColumns = IgnoreColumns,
        Values = new ValueComparison
        {
            IgnoreCase = IgnoreCase,
            Trim = Trim,
            CollapseWhitespace = CollapseWhitespace,
            EmptyEqualsNull = EmptyEqualsNull,
            NullTokens = NullValues.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToArray(),
            Numeric = Numeric,
            Tolerance = Tolerance,
            RelativeTolerance = RelativeTolerance,
        },
        Csv = new CsvFormat
        {
            Delimiter = Delimiter == "auto" || Delimiter.Length != 1 ? null : Delimiter[0],
            HasHeader = HasHeader,
            AllowRagged = AllowRagged,
        },
        IncludeUnchanged = ShowUnchanged,
        // One result serves every export, and the exports are the formats a patch reads.
        PatchContext = true,
        InlineSegments = InlineSegmentsInExport,
    };

    /// <summary>The same options as `csvdiff` flags, so a user can repeat a comparison on the command line.</summary>
    public string ToCommandLine()
    {
        var flags = new List<string>();
        switch (KeyMode)
        {
            case KeyMode.Auto:
                flags.Add("--key auto");
                break;
            case KeyMode.Columns when KeyColumns.Count > 0:
                flags.Add($"--key {Quote(string.Join(",", KeyColumns))}");
                break;
        }
        void Flag(bool on, string flag)
        {
            if (on)
            {
                flags.Add(flag);
            }
        }
        Flag(PairDuplicateKeys, "--duplicate-keys pair");
        Flag(Similarity != 0.5, $"--similarity {Similarity.ToString(CultureInfo.InvariantCulture)}");
        Flag(IgnoreColumns.Count > 0, $"--ignore-columns {Quote(string.Join(",", IgnoreColumns))}");
        Flag(IgnoreCase, "--ignore-case");
        Flag(Trim, "--trim");
        Flag(CollapseWhitespace, "--collapse-whitespace");
        Flag(EmptyEqualsNull, NullValues == "NULL,null" ? "--empty-equals-null" : $"--null-values {Quote(NullValues)}");
        Flag(Numeric, "--numeric");
        Flag(Tolerance > 0, $"--tolerance {Tolerance.ToString(CultureInfo.InvariantCulture)}");
        Flag(RelativeTolerance > 0, $"--relative-tolerance {RelativeTolerance.ToString(CultureInfo.InvariantCulture)}");
        Flag(Delimiter != "auto", $"--delimiter {(Delimiter == "\t" ? "tab" : Quote(Delimiter))}");
        Flag(!HasHeader, "--no-header");
        Flag(AllowRagged, "--allow-ragged");
        Flag(ShowUnchanged, "--include-unchanged");
        Flag(InlineSegmentsInExport, "--inline");
        Flag(SafeCsvExport, "--safe-csv");
        return string.Join(" ", flags);
    }

    private static string Quote(string value) => value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or ';' or '|' or '&')
        ? "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'"
        : value;
}

[JsonSerializable(typeof(ViewerSettings))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
internal sealed partial class ViewerJson : JsonSerializerContext;
