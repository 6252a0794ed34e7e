// `csvdiff serve` sends the Brotli and gzip copies the publish step writes, as static hosts do: the framework crosses the
// wire at a fraction of its size, with Content-Encoding and Vary saying so.
using System.Net;
using CsvDiff.Tests;

namespace CsvDiff.Web.Tests.EndToEnd;

public sealed class ServeEncodingTests : IAsyncLifetime, IDisposable
{
    private static readonly string Viewer = Repository.PathOf("artifacts", "csvdiff", "viewer", "wwwroot");
    private System.Diagnostics.Process? _server;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        var (server, url) = await ViewerServer.StartServer();
        _server = server;
        // No automatic decompression: the test reads the bytes as they crossed the wire.
        _client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(url) };
    }

    public void Dispose() => _client.Dispose();

    public async Task DisposeAsync()
    {
        _server!.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
        _server.Dispose();
    }

    // The largest framework file: the one compression matters most for.
    private static string LargestWasm() => Directory.GetFiles(Path.Combine(Viewer, "_framework"), "*.wasm")
        .Where(f => File.Exists(f + ".br") && File.Exists(f + ".gz"))
        .OrderByDescending(f => new FileInfo(f).Length).First();

    [Theory]
    [InlineData("br, gzip", "br", ".br")]
    [InlineData("gzip, deflate, br, zstd", "br", ".br")]
    [InlineData("gzip", "gzip", ".gz")]
    [InlineData("br;q=0, gzip", "gzip", ".gz")]
    [InlineData("identity", null, "")]
    [InlineData(null, null, "")]
    public async Task A_file_is_sent_in_the_best_encoding_the_browser_accepts(string? acceptEncoding, string? encoding, string extension)
    {
        var file = LargestWasm();
        using var request = new HttpRequestMessage(HttpMethod.Get, "_framework/" + Path.GetFileName(file));
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Equal("application/wasm", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(await File.ReadAllBytesAsync(file + extension), await response.Content.ReadAsByteArrayAsync());
        // The headers every response of the viewer carries still come first.
        Assert.Equal("require-corp", response.Headers.GetValues("Cross-Origin-Embedder-Policy").Single());
    }

    // Fingerprinted files never change under their names: cached for good, so the workers' runtimes take them from the
    // page's cache. Unfingerprinted ones (the page, its style sheet, the worker script) are asked for again on every load.
    [Theory]
    [InlineData(true, "_framework/", ".wasm")]
    [InlineData(false, "", "index.html")]
    [InlineData(false, "css/", "app.css")]
    [InlineData(false, "js/", "engine-worker.js")]
    public async Task Fingerprinted_files_are_cached_for_good_and_the_others_revalidated(bool fingerprinted, string folder, string name)
    {
        var file = fingerprinted ? "_framework/" + Path.GetFileName(LargestWasm()) : folder + name;
        using var response = await _client.GetAsync(file);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cacheControl = response.Headers.CacheControl!;
        Assert.Equal(fingerprinted, cacheControl.MaxAge == TimeSpan.FromDays(365) && cacheControl.Extensions.Any(e => e.Name == "immutable"));
        Assert.Equal(!fingerprinted, cacheControl.NoCache);
    }

    [Fact]
    public async Task The_framework_crosses_the_wire_brotli_compressed_at_under_half_its_size()
    {
        long plain = 0, sent = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(Viewer, "_framework")).Where(f => f.EndsWith(".wasm", StringComparison.Ordinal) || f.EndsWith(".js", StringComparison.Ordinal)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "_framework/" + Path.GetFileName(file));
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
            using var response = await _client.SendAsync(request);
            plain += new FileInfo(file).Length;
            sent += (await response.Content.ReadAsByteArrayAsync()).LongLength;
        }
        Assert.True(sent * 2 < plain, $"{sent:N0} bytes sent for {plain:N0}");
    }
}
