// The one exception the engine throws for bad input or bad options: it always says where and what.
namespace CsvDiff;

/// <summary>
/// Bad input or options. <see cref="Exception.Message"/> is one line naming the input, the
/// 1-based line and column where known, and the problem, ready to show a user as it is.
/// </summary>
public sealed class CsvDiffException : Exception
{
    /// <summary>A problem, and where it was found when that is known.</summary>
    /// <param name="problem">What is wrong, in a few plain words.</param>
    /// <param name="input">The input at fault, or null when the options are.</param>
    /// <param name="line">The 1-based physical line, when the problem concerns one place.</param>
    /// <param name="column">The 1-based field number within the record, when it concerns one field.</param>
    public CsvDiffException(string problem, string? input = null, int? line = null, int? column = null)
        : base(Format(problem, input, line, column))
    {
        Problem = problem;
        Input = input;
        Line = line;
        Column = column;
    }

    /// <summary>The problem alone, without the location.</summary>
    public string Problem { get; }

    /// <summary>The <see cref="TableInput.Name"/> of the input at fault, or null when the options are.</summary>
    public string? Input { get; }

    /// <summary>The 1-based physical line where the problem was found, when it concerns one place.</summary>
    public int? Line { get; }

    /// <summary>The 1-based field number within the record, when it concerns one field.</summary>
    public int? Column { get; }

    private static string Format(string problem, string? input, int? line, int? column)
    {
        var location = input ?? "";
        if (line is { } l)
        {
            location += location.Length > 0 ? $": line {l}" : $"line {l}";
        }
        if (column is { } c)
        {
            location += $", column {c}";
        }
        return location.Length > 0 ? $"{location}: {problem}" : problem;
    }
}
