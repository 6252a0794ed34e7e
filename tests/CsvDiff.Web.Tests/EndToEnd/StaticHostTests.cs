// The published viewer on a plain static host under a sub-path, as GitHub Pages serves it: no special headers, not isolated.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CsvDiff.Tests;

namespace CsvDiff.Web.Tests.EndToEnd;

[Collection(ViewerCollection.Name)]
public sealed class StaticHostTests(ViewerServer server) : IAsyncLifetime
{
    private readonly string _site = Directory.CreateTempSubdirectory("csvdiff-pages-").FullName;
    private Process? _host;
    private string _url = "";

    public async Task InitializeAsync()
    {
        var app = Path.Combine(_site, "csvdiff");
        CopyFolder(Path.Combine(Path.GetDirectoryName(ViewerServer.Csvdiff)!, "viewer", "wwwroot"), app);
        Run("bash", Repository.PathOf("eng", "rebase-viewer.sh"), app, "/csvdiff/");
        var port = FreePort();
        _host = Process.Start(new ProcessStartInfo("python3", ["-m", "http.server", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", _site])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _url = $"http://127.0.0.1:{port}/csvdiff/";
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                (await http.GetAsync(_url)).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        Assert.Fail("the static file server did not start");
    }

    public async Task DisposeAsync()
    {
        if (_host is { HasExited: false })
        {
            _host.Kill();
            await _host.WaitForExitAsync();
        }
        _host?.Dispose();
        Directory.Delete(_site, recursive: true);
    }

    [Fact]
    public async Task Viewer_works_under_a_sub_path_without_isolation_headers()
    {
        var page = await (await server.Browser.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(_url);
        await page.WaitForFunctionAsync("() => window.csvdiff !== undefined");
        await page.GetByTestId("load-example").ClickAsync();
        await page.GetByTestId("right-info").WaitForAsync();
        await page.GetByTestId("compare").ClickAsync();
        await page.GetByTestId("count-modified").WaitForAsync();
        Assert.Equal("3", await page.GetByTestId("count-modified").InnerTextAsync());
        var diagnostics = await page.EvaluateAsync<System.Text.Json.JsonElement>("() => window.csvdiff.diagnostics()");
        Assert.False(diagnostics.GetProperty("crossOriginIsolated").GetBoolean());
        Assert.Equal("worker", diagnostics.GetProperty("mode").GetString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed: {error}");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
