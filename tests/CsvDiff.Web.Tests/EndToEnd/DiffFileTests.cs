// Saved diffs in the viewer: its exports apply with `csvdiff patch`, and a diff file opens on its own like a fresh result.
using CsvDiff.Tests;
using Microsoft.Playwright;

namespace CsvDiff.Web.Tests.EndToEnd;

[Collection(ViewerCollection.Name)]
public sealed class DiffFileTests(ViewerServer server) : IDisposable
{
    private static readonly string Examples = Repository.PathOf("examples");
    private readonly string _folder = Directory.CreateTempSubdirectory("csvdiff-difffile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Exports_apply_with_csvdiff_patch()
    {
        var page = await server.OpenAsync();
        await page.GetByTestId("left-file").SetInputFilesAsync(Path.Combine(Examples, "customers-january.csv"));
        await page.GetByTestId("right-file").SetInputFilesAsync(Path.Combine(Examples, "customers-february.csv"));
        await page.GetByTestId("right-info").WaitForAsync();
        await page.GetByTestId("key-columns").SelectOptionAsync(["id"]);
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("count-added").WaitForAsync();
        foreach (var button in new[] { "export-highlighter", "export-json" })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(button).ClickAsync());
            var patched = CommandLine.Run(Examples, "patch", "customers-january.csv", await download.PathAsync());
            Assert.Equal(File.ReadAllText(Path.Combine(Examples, "customers-february.csv")), patched);
        }
    }

    [Fact]
    public async Task A_saved_diff_opens_like_a_fresh_result_and_exports_as_it_was()
    {
        var diff = Path.Combine(_folder, "january-vs-february.csv");
        File.WriteAllText(diff, CommandLine.Run(Examples, "customers-january.csv", "customers-february.csv", "--key", "id", "-f", "highlighter"));
        var page = await server.OpenAsync();
        await page.SetViewportSizeAsync(1366, 900);
        await page.GetByTestId("diff-file").SetInputFilesAsync(diff);
        await page.GetByTestId("count-added").WaitForAsync();

        Assert.Equal(("1", "1", "3"), (await page.GetByTestId("count-added").InnerTextAsync(), await page.GetByTestId("count-removed").InnerTextAsync(),
            await page.GetByTestId("count-modified").InnerTextAsync()));
        Assert.Equal("Opened the diff january-vs-february.csv.", await page.GetByTestId("status").InnerTextAsync());
        var city = page.Locator("[data-testid=changed-cell][data-column=city]");
        Assert.Equal("Coimbra → Coimbra Centro", (await city.InnerTextAsync()).Trim());
        var exported = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-highlighter").ClickAsync());
        Assert.Equal(File.ReadAllText(diff), File.ReadAllText(await exported.PathAsync()));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ViewerServer.ScreenshotFolder, "diff-file-opened.png"), FullPage = true });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ViewerServer.ScreenshotFolder, "diff-file-opened-dark.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ViewerServer.ScreenshotFolder, "diff-file-opened-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task A_json_diff_opens_with_its_key_and_a_file_that_is_no_diff_is_named_without_breaking_the_page()
    {
        var json = Path.Combine(_folder, "changes.json");
        File.WriteAllText(json, CommandLine.Run(Examples, "customers-january.csv", "customers-february.csv", "--key", "id", "-f", "json"));
        var page = await server.OpenAsync();
        await page.GetByTestId("diff-file").SetInputFilesAsync(json);
        await page.GetByTestId("count-modified").WaitForAsync();
        Assert.Equal("3", await page.GetByTestId("count-modified").InnerTextAsync());
        Assert.Equal(1, await page.Locator("[data-row-type=added]").CountAsync());

        await page.GetByTestId("diff-file").SetInputFilesAsync(Path.Combine(Examples, "customers-january.csv"));
        var error = page.GetByTestId("error");
        await error.WaitForAsync();
        Assert.Contains("customers-january.csv: no \"@@\" header row", await error.InnerTextAsync(), StringComparison.Ordinal);
        // The page goes on: the example still loads and compares.
        await page.GetByTestId("change-inputs").ClickAsync();
        await page.GetByTestId("load-example").ClickAsync();
        await page.GetByTestId("right-info").WaitForAsync();
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("status").Filter(new LocatorFilterOptions { HasText = "Compared" }).WaitForAsync();
    }
}
