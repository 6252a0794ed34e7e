// Opens a URL in the user's browser, quietly doing nothing where there is none (a server, CI).
using System.Diagnostics;

namespace CsvDiff.Cli;

internal static class BrowserLauncher
{
    public static void TryOpen(string url)
    {
        var opener = OperatingSystem.IsWindows() ? "explorer" : OperatingSystem.IsMacOS() ? "open" : "xdg-open";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(opener, url) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No opener installed: the printed URL is enough.
        }
    }
}
