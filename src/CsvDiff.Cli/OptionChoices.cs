// Options whose value is one of an enum's names, as they are written on the command line: in lower case, in any case.
using System.CommandLine.Parsing;

namespace CsvDiff.Cli;

internal static class OptionChoices
{
    /// <summary>
    /// Parses an option's value as one of <typeparamref name="T"/>'s names, without regard to case. A value that is none of
    /// them is a one-line error naming the choices as they are written; System.CommandLine's own parser named the enum's .NET
    /// type, listed its names capitalized, and took a number for any value.
    /// </summary>
    public static T Parse<T>(ArgumentResult result)
        where T : struct, Enum
    {
        var given = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        foreach (var choice in Enum.GetValues<T>())
        {
            if (string.Equals(choice.ToString(), given, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }
        var name = result.Parent is OptionResult option ? option.Option.Name : "the value";
        result.AddError($"{name} must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, not \"{given}\"");
        return default;
    }
}
