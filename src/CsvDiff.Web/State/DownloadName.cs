// What an export is called when it downloads: named after the inputs, so that a folder of diffs says what each compared.
using CsvDiff.Rendering;
namespace CsvDiff.Web.State;

public static class DownloadName
{
    /// <summary>
    /// "jan-vs-feb.diff.json" for jan.csv against feb.csv; the one name of an opened diff file when there is no pair
    /// (<paramref name="right"/> null); "csvdiff" when nothing names the result.
    /// </summary>
    public static string For(string? left, string? right, OutputFormat format)
    {
        var (l, r) = (Stem(left), Stem(right));
        var stem = l is not null && r is not null ? $"{l}-vs-{r}" : l ?? r ?? "csvdiff";
        return stem + format switch
        {
            OutputFormat.Json => ".diff.json",
            OutputFormat.Highlighter => ".diff.csv",
            _ => ".diff.html",
        };
    }

    // The name without its folder, its extensions (.csv, .csv.gz, .diff.json) and characters file systems refuse.
    private static string? Stem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var stem = Path.GetFileName(name.Replace('\\', '/'));
        foreach (var extension in (string[])[".gz", ".json", ".csv", ".tsv", ".txt", ".diff", ".highlighter"])
        {
            if (stem.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                stem = stem[..^extension.Length];
            }
        }
        var safe = new string(stem.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '_' : c).ToArray());
        return safe.Trim().Length == 0 ? null : safe.Trim();
    }
}
