// Splits text into words and the separators between them, for word-level change segments.
namespace CsvDiff.Comparison;

internal static class WordSplitter
{
    /// <summary>Every character in order, grouped into runs of letters or digits, runs of white space, and single other characters.</summary>
    public static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsLetterOrDigit(text[i]))
            {
                while (i < text.Length && char.IsLetterOrDigit(text[i]))
                {
                    i++;
                }
            }
            else if (char.IsWhiteSpace(text[i]))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
            }
            else
            {
                i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            }
            tokens.Add(text[start..i]);
        }
        return tokens;
    }
}
