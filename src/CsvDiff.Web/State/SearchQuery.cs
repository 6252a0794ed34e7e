// The grid's search grammar: words, "exact phrases", -exclusions, column:value, type:kind, and OR between groups.
using System.Text;

namespace CsvDiff.Web.State;

/// <summary>
/// A parsed search. A row matches when any OR-separated group matches; a group matches when all its terms
/// do. Terms match case-insensitively as substrings: a bare word or phrase anywhere in the row, <c>col:value</c>
/// in that column only, <c>type:modified</c> (or added, removed, unchanged) against the row's kind; a leading
/// <c>-</c> inverts a term.
/// </summary>
internal sealed class SearchQuery
{
    internal sealed record Term(string? Column, string Text, bool Negated);

    private SearchQuery(IReadOnlyList<IReadOnlyList<Term>> groups) => Groups = groups;

    public IReadOnlyList<IReadOnlyList<Term>> Groups { get; }

    public bool IsEmpty => Groups.Count == 0;

    public static SearchQuery Empty { get; } = new([]);

    public static SearchQuery Parse(string text)
    {
        var groups = new List<IReadOnlyList<Term>>();
        var current = new List<Term>();
        foreach (var (token, quoted) in Tokens(text))
        {
            if (!quoted && token == "OR")
            {
                if (current.Count > 0)
                {
                    groups.Add(current);
                }
                current = [];
                continue;
            }
            current.Add(ParseTerm(token, quoted));
        }
        if (current.Count > 0)
        {
            groups.Add(current);
        }
        return new SearchQuery(groups);
    }

    private static Term ParseTerm(string token, bool quoted)
    {
        if (quoted)
        {
            return new Term(null, token, false);
        }
        var negated = token.Length > 1 && token[0] == '-';
        if (negated)
        {
            token = token[1..];
        }
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < token.Length - 1
            ? new Term(token[..colon], Unquote(token[(colon + 1)..]), negated)
            : new Term(null, Unquote(token), negated);
    }

    private static string Unquote(string text) => text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;

    // Splits on white space outside quotes; a token that is entirely a quoted phrase is marked as such.
    private static IEnumerable<(string Token, bool Quoted)> Tokens(string text)
    {
        var token = new StringBuilder();
        var inQuotes = false;
        var wholeTokenQuoted = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (c == '"')
            {
                if (!inQuotes && token.Length == 0)
                {
                    wholeTokenQuoted = true;
                }
                else if (!inQuotes)
                {
                    token.Append(c);
                }
                else if (!wholeTokenQuoted)
                {
                    token.Append(c);
                }
                inQuotes = !inQuotes;
                continue;
            }
            if (char.IsWhiteSpace(c) && !inQuotes)
            {
                if (token.Length > 0)
                {
                    yield return (token.ToString(), wholeTokenQuoted);
                }
                token.Clear();
                wholeTokenQuoted = false;
                continue;
            }
            token.Append(c);
        }
    }

    /// <summary>Whether a row matches. <paramref name="cells"/> gives, for a column name, the row's texts in that column.</summary>
    public bool Matches(RowChangeType type, IReadOnlyList<(string Column, string Text)> cells)
    {
        if (IsEmpty)
        {
            return true;
        }
        foreach (var group in Groups)
        {
            if (group.All(term => TermMatches(term, type, cells) != term.Negated))
            {
                return true;
            }
        }
        return false;
    }

    private static bool TermMatches(Term term, RowChangeType type, IReadOnlyList<(string Column, string Text)> cells)
    {
        if (term.Column is { } column && column.Equals("type", StringComparison.OrdinalIgnoreCase) && !cells.Any(c => c.Column.Equals("type", StringComparison.OrdinalIgnoreCase)))
        {
            return type.ToString().StartsWith(term.Text, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var (name, text) in cells)
        {
            if ((term.Column is null || name.Equals(term.Column, StringComparison.OrdinalIgnoreCase))
                && text.Contains(term.Text, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
