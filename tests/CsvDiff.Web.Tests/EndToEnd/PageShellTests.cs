// The page shell: what index.html offers from its first paint, before .NET has started. .NET's loader is held back by the
// test, so everything done in the shell is done before the viewer exists, and must carry over to it once it does.
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CsvDiff.Web.Tests.EndToEnd;

[Collection(ViewerCollection.Name)]
public sealed partial class PageShellTests(ViewerServer server) : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [GeneratedRegex(@"/_framework/blazor\.webassembly[^/]*\.js$")]
    private static partial Regex DotnetLoader();

    // A page whose .NET loader is answered only when `release` completes: until then only the shell runs.
    private async Task<(IPage Page, TaskCompletionSource Release)> OpenHeldAsync()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = await (await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } })).NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.RouteAsync(DotnetLoader(), async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync(server.Url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        return (page, release);
    }

    [Fact]
    public async Task Files_chosen_and_Compare_pressed_before_dotnet_starts_are_compared_once_it_has()
    {
        var (page, release) = await OpenHeldAsync();
        // A file name is data: the shell shows it as text.
        var left = _files.Write("<i>january<i>.csv", File.ReadAllText(TestFiles.Example("customers-january.csv")));
        await page.GetByTestId("shell-left-file").SetInputFilesAsync(left);
        await page.GetByTestId("shell-right-file").SetInputFilesAsync(TestFiles.Example("customers-february.csv"));
        await Assertions.Expect(page.GetByTestId("shell-left-chosen")).ToHaveTextAsync("<i>january<i>.csv (310 B)");
        Assert.Equal(0, await page.GetByTestId("shell-left-chosen").Locator("i").CountAsync());
        await page.GetByTestId("shell-compare").ClickAsync();
        await Assertions.Expect(page.GetByTestId("shell-status")).ToContainTextAsync("as soon as the engine has started");
        Assert.False(await page.EvaluateAsync<bool>("() => window.csvdiff !== undefined"));
        await ViewerServer.ScreenshotsAsync(page, "page-shell");
        await page.SetViewportSizeAsync(1366, 900);

        release.SetResult();
        await page.GetByTestId("count-added").WaitForAsync();
        Assert.Equal("1", await page.GetByTestId("count-added").InnerTextAsync());
        Assert.Equal("1", await page.GetByTestId("count-removed").InnerTextAsync());
        Assert.Equal("3", await page.GetByTestId("count-modified").InnerTextAsync());
        // The key the viewer preselects for these files, and the time from the click in the shell, wait included.
        Assert.Equal("matched by id", (await page.GetByTestId("key-used").InnerTextAsync()).Trim());
        Assert.StartsWith("Compared in", (await page.GetByTestId("status").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.False(await page.Locator("#page-shell").IsVisibleAsync());
    }

    [Fact]
    public async Task When_dotnet_cannot_start_the_shell_says_so_instead_of_waiting_for_ever()
    {
        var page = await (await server.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 900 } })).NewPageAsync();
        page.SetDefaultTimeout(60_000);
        // The engine's own assembly cannot be fetched, as on a host that lost part of the deployment.
        await page.RouteAsync(CoreAssembly(), route => route.AbortAsync());
        await page.GotoAsync(server.Url);
        await Assertions.Expect(page.GetByTestId("shell-status")).ToContainTextAsync("CsvDiff could not start in this browser");
        var status = await page.GetByTestId("shell-status").InnerTextAsync();
        Assert.Contains("CsvDiff.Core", status, StringComparison.Ordinal);
        Assert.EndsWith("Reload the page to try again.", status.Trim(), StringComparison.Ordinal);
        await page.GetByTestId("shell-load-example").ClickAsync();
        await Assertions.Expect(page.GetByTestId("shell-right-chosen")).ToHaveTextAsync("customers-february.csv (338 B)");
        // The files can still be chosen, but Compare is not offered: nothing would run it.
        await Assertions.Expect(page.GetByTestId("shell-compare")).ToBeDisabledAsync();
        await ViewerServer.ScreenshotsAsync(page, "page-shell-failed");
    }

    [GeneratedRegex(@"/_framework/CsvDiff\.Core\.[^/]*\.wasm$")]
    private static partial Regex CoreAssembly();

    [Fact]
    public async Task The_example_loaded_in_the_shell_reaches_the_viewer_with_its_quick_look()
    {
        var (page, release) = await OpenHeldAsync();
        await page.GetByTestId("shell-load-example").ClickAsync();
        await Assertions.Expect(page.GetByTestId("shell-right-chosen")).ToHaveTextAsync("customers-february.csv (338 B)");
        await Assertions.Expect(page.GetByTestId("shell-compare")).ToBeEnabledAsync();
        Assert.Equal(["customers-february.csv"], await ViewerServer.FilesShownAsync(page, "shell-right-file"));

        release.SetResult();
        await page.GetByTestId("right-info").WaitForAsync();
        Assert.Contains("6: id, name, e-mail, city, balance, phone", await page.GetByTestId("right-info").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("customers-january.csv", await page.GetByTestId("left-info").InnerTextAsync(), StringComparison.Ordinal);
        // The viewer's own inputs, drawn after the files came, show them too.
        Assert.Equal(["customers-january.csv"], await ViewerServer.FilesShownAsync(page, "left-file"));
        Assert.Equal(["customers-february.csv"], await ViewerServer.FilesShownAsync(page, "right-file"));
        // Nothing was pressed in the shell: the viewer waits for its own Compare.
        Assert.Equal(0, await page.GetByTestId("count-added").CountAsync());
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("count-added").WaitForAsync();
        Assert.Equal("3", await page.GetByTestId("count-modified").InnerTextAsync());
    }
}
