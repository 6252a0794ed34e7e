// The published csvdiff, run as a person would, for comparing the viewer's output with the command line's.
using System.Diagnostics;

namespace CsvDiff.Web.Tests.EndToEnd;

internal static class CommandLine
{
    /// <summary>What csvdiff prints, run in <paramref name="folder"/> so inputs carry the same names as in the page.</summary>
    public static string Run(string folder, params string[] args)
    {
        var start = new ProcessStartInfo(ViewerServer.Csvdiff) { WorkingDirectory = folder, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
