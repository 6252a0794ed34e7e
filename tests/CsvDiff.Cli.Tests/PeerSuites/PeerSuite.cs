// Reads the five peers' own test fixtures in place, from ../shared/peer-suites beside the repository (see its SOURCES.md).
using System.Text.Json;
using CsvDiff.Tests;

namespace CsvDiff.Cli.Tests.PeerSuites;

internal static class PeerSuite
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "peer-suites"));

    public static string PathOf(params string[] parts)
    {
        Assert.True(Directory.Exists(Root), $"the peers' fixtures are read in place from {Root}, which is missing");
        return Path.Combine([Root, .. parts]);
    }

    public static TableInput Input(string path) => new(Path.GetFileName(path), File.ReadAllBytes(path));

    public static JsonElement Json(params string[] parts)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(PathOf(parts)));
        return document.RootElement.Clone();
    }

    public static TheoryData<string> Names(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }
        return data;
    }

    public static string? Text(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static List<string> Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString() ?? "").ToList();

    /// <summary>A row's cells by column name, as peers that speak in dictionaries give rows.</summary>
    public static Dictionary<string, string> ByName(IReadOnlyList<string> columns, IReadOnlyList<string> values) =>
        columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i < values.Count ? values[p.i] : "", StringComparer.Ordinal);

    /// <summary>A canonical text for a bag of things, so that two bags compare as equal regardless of order.</summary>
    public static List<string> Bag(IEnumerable<string> items) => items.Order(StringComparer.Ordinal).ToList();

    public static string Record(IEnumerable<string> values) => JsonSerializer.Serialize(values.ToArray(), PeerJson.Default.StringArray);

    public static string Dictionary(IReadOnlyDictionary<string, string> values) =>
        Record(values.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => new[] { p.Key, p.Value }));
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class PeerJson : System.Text.Json.Serialization.JsonSerializerContext;
