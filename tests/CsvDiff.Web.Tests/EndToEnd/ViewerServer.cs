// Starts the published `csvdiff serve` and Debian's Chromium once for all end-to-end tests, and stops both afterwards.
using System.Diagnostics;
using System.Text.RegularExpressions;
using CsvDiff.Tests;
using Microsoft.Playwright;

namespace CsvDiff.Web.Tests.EndToEnd;

public sealed partial class ViewerServer : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private Process? _server;
    private IPlaywright? _playwright;

    public string Url { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The published csvdiff: a native executable (NativeAOT).</summary>
    public static string Csvdiff => Repository.PathOf("artifacts", "csvdiff", "csvdiff");

    public static string ScreenshotFolder => Repository.PathOf("artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Csvdiff), $"{Csvdiff} is missing: ./test.sh publishes csvdiff with its viewer before the tests run");
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./test.sh installs Debian's chromium");
        (_server, Url) = await StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>Starts `csvdiff serve` on a free port and returns it with its URL.</summary>
    public static async Task<(Process Server, string Url)> StartServer(params string[] files)
    {
        var start = new ProcessStartInfo(Csvdiff) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "serve", "--port", "0", "--no-open" }.Concat(files))
        {
            start.ArgumentList.Add(arg);
        }
        var server = new Process { StartInfo = start };
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Standard output and standard error arrive on threads of their own: what they print is kept under a lock. Without it,
        // output ending (when a test stops the server) read the text while an error line was added, and the race crashed
        // the test host.
        var printed = new System.Text.StringBuilder();
        var printing = new Lock();
        void Print(string? line)
        {
            lock (printing)
            {
                printed.AppendLine(line);
            }
        }
        server.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                lock (printing)
                {
                    url.TrySetException(new InvalidOperationException($"csvdiff serve ended without a URL: {printed}"));
                }
                return;
            }
            Print(e.Data);
            if (UrlPattern().Match(e.Data) is { Success: true } match)
            {
                url.TrySetResult(match.Value);
            }
        };
        server.ErrorDataReceived += (_, e) => Print(e.Data);
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return (server, await url.Task.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/")]
    private static partial Regex UrlPattern();

    /// <summary>The names of the files a file input (by test id) holds, as its control shows them.</summary>
    public static Task<string[]> FilesShownAsync(IPage page, string testId) =>
        page.GetByTestId(testId).EvaluateAsync<string[]>("input => [...input.files].map(f => f.name)");

    /// <summary>
    /// Saves what a person sees now as NAME.png (1366×900), NAME-dark.png and NAME-phone.png (390×844, light), for someone to
    /// look at; the page is left at the phone's size in light.
    /// </summary>
    public static async Task ScreenshotsAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.SetViewportSizeAsync(1366, 900);
        await CaptureAsync(page, $"{name}.png");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await CaptureAsync(page, $"{name}-dark.png");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        await page.SetViewportSizeAsync(390, 844);
        await CaptureAsync(page, $"{name}-phone.png");
    }

    // Once in a full run on the 2-core machine (2026-12-03), a screenshot waited 60 s for a frame that never came; the same test
    // then passed five times alone and in its class. A capture is not an assertion, so it gets a second try; a page that is
    // really stuck fails the second too, and the steps after it.
    private static async Task CaptureAsync(IPage page, string file)
    {
        var options = new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, file), Timeout = 30_000 };
        try
        {
            await page.ScreenshotAsync(options);
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(options);
        }
    }

    public async Task<IPage> OpenAsync(string query = "")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(Url + query);
        await page.WaitForFunctionAsync("() => window.csvdiff !== undefined");
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ViewerCollection : ICollectionFixture<ViewerServer>
{
    public const string Name = "viewer";
}
