// Finds files in the source tree, so golden files are read from and rewritten in place rather than in bin/.
namespace CsvDiff.Tests;

internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Set UPDATE_GOLDEN=1 to rewrite golden files from the current output; review the diff before committing.</summary>
    public static bool UpdateGolden => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void AssertGolden(string goldenPath, string actual)
    {
        if (UpdateGolden || !File.Exists(goldenPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            File.WriteAllText(goldenPath, actual);
            Assert.Fail($"golden file {goldenPath} was (re)written; review it and run again without UPDATE_GOLDEN");
        }
        Assert.Equal(File.ReadAllText(goldenPath), actual);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CsvDiff.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (CsvDiff.slnx) above " + AppContext.BaseDirectory);
    }
}
