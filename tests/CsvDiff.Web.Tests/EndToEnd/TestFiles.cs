// The files an end-to-end test chooses in the page: the built-in examples, and files it writes into a folder of its own
// that goes with the test.
using CsvDiff.Tests;

namespace CsvDiff.Web.Tests.EndToEnd;

internal sealed class TestFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("csvdiff-e2e-").FullName;

    public static string Example(string name) => Repository.PathOf("examples", name);

    /// <summary>Writes <paramref name="text"/> as <paramref name="name"/> in the test's folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
