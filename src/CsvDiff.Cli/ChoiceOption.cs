// Options whose value is one of an enum's names, as they are written on the command line: in lower case, in any case.
using System.CommandLine;
using System.CommandLine.Parsing;

namespace CsvDiff.Cli;

/// <summary>
/// An option whose value is one of <typeparamref name="T"/>'s names. Help lists the choices and the default as they are
/// written (<c>text|json</c>, <c>[default: text]</c>); given a default of its own, System.CommandLine wrote the enum's name
/// (<c>[default: Text]</c>), so the default is applied here, when the option is not given.
/// </summary>
internal sealed class ChoiceOption<T>
    where T : struct, Enum
{
    private readonly T _byDefault;

    public ChoiceOption(string name, string? alias, string description, T byDefault)
    {
        _byDefault = byDefault;
        Option = new Option<T?>(name, alias is null ? [] : [alias])
        {
            Description = $"{description} [default: {Written(byDefault)}]",
            CustomParser = Parse,
            HelpName = string.Join('|', Enum.GetValues<T>().Select(Written)),
        };
    }

    /// <summary>The option to add to a command.</summary>
    public Option<T?> Option { get; }

    /// <summary>The choice given, or the default.</summary>
    public T ValueIn(ParseResult parse) => parse.GetValue(Option) ?? _byDefault;

    private static string Written(T choice) => choice.ToString().ToLowerInvariant();

    // Any case is read. A value that is none of the choices is a one-line error naming them as they are written; the library's
    // own parser named the enum's .NET type, listed its names capitalized, and took a number for any value.
    private static T? Parse(ArgumentResult result)
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
        result.AddError($"{name} must be one of {string.Join(", ", Enum.GetValues<T>().Select(Written))}, not \"{given}\"");
        return null;
    }
}
