// The viewer as a person uses it, in Chromium against `csvdiff serve`: choose files, compare, read, search, export.
using CsvDiff.Tests;
using Microsoft.Playwright;

namespace CsvDiff.Web.Tests.EndToEnd;

[Collection(ViewerCollection.Name)]
public sealed class ViewerTests(ViewerServer server)
{
    private static string Example(string name) => Repository.PathOf("examples", name);

    private static async Task CompareAsync(IPage page)
    {
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("count-added").WaitForAsync();
    }

    private static async Task ChooseExamplePairAsync(IPage page)
    {
        await page.GetByTestId("left-file").SetInputFilesAsync(Example("customers-january.csv"));
        await page.GetByTestId("right-file").SetInputFilesAsync(Example("customers-february.csv"));
        await page.GetByTestId("left-info").WaitForAsync();
        await page.GetByTestId("right-info").WaitForAsync();
    }

    [Fact]
    public async Task Uploaded_files_compare_by_key_with_counts_and_highlighted_cells()
    {
        var page = await server.OpenAsync();
        await ChooseExamplePairAsync(page);
        Assert.Contains("comma", await page.GetByTestId("left-info").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByTestId("key-columns").SelectOptionAsync(["id"]);
        await CompareAsync(page);

        Assert.Equal("1", await page.GetByTestId("count-added").InnerTextAsync());
        Assert.Equal("1", await page.GetByTestId("count-removed").InnerTextAsync());
        Assert.Equal("3", await page.GetByTestId("count-modified").InnerTextAsync());
        Assert.Equal("2", await page.GetByTestId("count-unchanged").InnerTextAsync());
        Assert.Equal(1, await page.Locator("[data-row-type=added]").CountAsync());
        Assert.Equal(3, await page.Locator("[data-row-type=modified]").CountAsync());
        var city = page.Locator("[data-testid=changed-cell][data-column=city]");
        Assert.Equal("Coimbra → Coimbra Centro", (await city.InnerTextAsync()).Trim());
        Assert.Equal("Centro", (await city.Locator("ins").InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ViewerServer.ScreenshotFolder, "result.png"), FullPage = true });
    }
}
