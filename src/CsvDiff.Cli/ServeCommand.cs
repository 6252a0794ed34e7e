// `csvdiff serve`: hosts the published viewer on 127.0.0.1 with the headers that make it cross-origin isolated, and the two named files.
using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace CsvDiff.Cli;

internal sealed class ServeCommand
{
    private const int DefaultPort = 5178;

    public Argument<string[]> Files { get; } = new("FILES")
    {
        Description = "Optionally LEFT and RIGHT: the page opens with them loaded (served to this page only).",
        Arity = new ArgumentArity(0, 2),
    };
    public Option<int> Port { get; } = new("--port", "-p")
    {
        Description = "Port on 127.0.0.1; 0 picks a free one.",
        DefaultValueFactory = _ => DefaultPort,
    };
    public Option<bool> NoOpen { get; } = new("--no-open") { Description = "Do not open a browser." };
    public Option<string?> App { get; } = new("--app") { Description = "Folder of the published viewer. Default: the viewer published beside csvdiff." };

    public Command Build(CliConsole console, CancellationToken cancellation)
    {
        var command = new Command("serve", "Open the CsvDiff viewer in a browser, served from this machine only (127.0.0.1).");
        command.Add(Files);
        command.Add(Port);
        command.Add(NoOpen);
        command.Add(App);
        command.SetAction(parse => Run(parse, console, cancellation));
        return command;
    }

    private int Run(ParseResult parse, CliConsole console, CancellationToken cancellation)
    {
        try
        {
            var files = parse.GetValue(Files) ?? [];
            if (files.Length == 1)
            {
                throw new CsvDiffException("give two files (LEFT and RIGHT) or none");
            }
            var inputs = files.Select(ServedFile.Open).ToArray();
            var appFolder = ViewerFolder(parse.GetValue(App));
            var port = parse.GetValue(Port);
            if (port is < 0 or > 65535)
            {
                throw new CsvDiffException($"--port must be between 0 and 65535, not {port.ToString(CultureInfo.InvariantCulture)}");
            }
            using var app = BuildApp(appFolder, inputs, port);
            try
            {
                app.StartAsync(cancellation).GetAwaiter().GetResult();
            }
            catch (IOException e)
            {
                throw new CsvDiffException($"cannot listen on 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}: {e.Message}");
            }
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
            using (var stdout = new StreamWriter(console.Stdout, leaveOpen: true))
            {
                stdout.WriteLine($"CsvDiff viewer at {url}  (Ctrl+C stops it)");
            }
            if (!parse.GetValue(NoOpen))
            {
                BrowserLauncher.TryOpen(url);
            }
            // Ctrl+C arrives as our token; SIGTERM (a service manager, `kill`) as the host's stopping signal.
            WaitHandle.WaitAny([cancellation.WaitHandle, app.Lifetime.ApplicationStopping.WaitHandle]);
            app.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            return CliApp.NoDifferences;
        }
        catch (CsvDiffException e)
        {
            console.Stderr.WriteLine($"csvdiff: {e.Message}");
            return CliApp.Trouble;
        }
    }

    private static string ViewerFolder(string? given)
    {
        var folder = given ?? Path.Combine(AppContext.BaseDirectory, "viewer", "wwwroot");
        if (!File.Exists(Path.Combine(folder, "index.html")))
        {
            throw new CsvDiffException(given is null
                ? $"the viewer is not published beside csvdiff (no {Path.Combine(folder, "index.html")}); publish csvdiff (./run.sh does) or pass --app"
                : $"--app {given}: no index.html there");
        }
        return Path.GetFullPath(folder);
    }

    private static WebApplication BuildApp(string appFolder, ServedFile[] inputs, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = appFolder, WebRootPath = appFolder });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var immutable = ImmutableRoutes(appFolder);
        app.Use(async (context, next) =>
        {
            // Another site's page must not reach this server through a DNS name that points at 127.0.0.1.
            if (!IsLocalHost(context.Request.Host))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("csvdiff serve answers only to 127.0.0.1 and localhost\n");
                return;
            }
            var headers = context.Response.Headers;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Embedder-Policy"] = "require-corp";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            // A fingerprinted file never changes under its name, so the page and every worker take it from the cache after
            // the first fetch; anything else is asked for again, so a rebuilt viewer is never served stale.
            headers.CacheControl = immutable.Contains(context.Request.Path.Value ?? "") ? "max-age=31536000, immutable" : "no-cache";
            await next(context);
        });

        if (inputs.Length == 2)
        {
            app.MapGet("/api/inputs", () => Results.Json(new ServedNames(inputs[0].Name, inputs[1].Name), ServeJson.Default.ServedNames));
            app.MapGet("/api/inputs/left", () => inputs[0].Result());
            app.MapGet("/api/inputs/right", () => inputs[1].Result());
        }
        else
        {
            // "No files named" is an answer, not an error: the page then offers the example pair.
            app.MapGet("/api/inputs", () => Results.NoContent());
        }

        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".wasm"] = "application/wasm";
        types.Mappings[".dat"] = "application/octet-stream";
        types.Mappings[".webcil"] = "application/octet-stream";
        types.Mappings[".mjs"] = "text/javascript";
        var files = new PhysicalFileProvider(appFolder);
        app.Use(async (context, next) =>
        {
            if (!await ServePrecompressed(context, files, types))
            {
                await next(context);
            }
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, ContentTypeProvider = types, ServeUnknownFileTypes = false });
        return app;
    }

    // The publish step lists, beside the viewer's files, every route with the headers a host should send; the fingerprinted
    // ones (the framework, the JS modules) carry an immutable Cache-Control. Without that list nothing is cached for long.
    private static HashSet<string> ImmutableRoutes(string appFolder)
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        var manifest = Path.Combine(appFolder, "..", "CsvDiff.Web.staticwebassets.endpoints.json");
        if (!File.Exists(manifest))
        {
            return routes;
        }
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(manifest));
        foreach (var endpoint in json.RootElement.GetProperty("Endpoints").EnumerateArray())
        {
            var immutable = endpoint.GetProperty("ResponseHeaders").EnumerateArray().Any(header =>
                header.GetProperty("Name").GetString() == "Cache-Control" && (header.GetProperty("Value").GetString() ?? "").Contains("immutable", StringComparison.Ordinal));
            if (immutable)
            {
                routes.Add("/" + endpoint.GetProperty("Route").GetString());
            }
        }
        return routes;
    }

    // The publish step writes a Brotli (.br) and a gzip (.gz) copy beside each static file; sent as static hosts send them,
    // the framework crosses the wire at about a third of its size. Only GET and HEAD of a file that has a copy are handled.
    private static async Task<bool> ServePrecompressed(HttpContext context, PhysicalFileProvider files, FileExtensionContentTypeProvider types)
    {
        var request = context.Request;
        var path = request.Path.Value;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || string.IsNullOrEmpty(path) || path.EndsWith('/')
            || !types.TryGetContentType(path, out var contentType) || !files.GetFileInfo(path).Exists)
        {
            return false;
        }
        var accepted = request.Headers.AcceptEncoding.ToString();
        foreach (var (encoding, extension) in (ReadOnlySpan<(string, string)>)[("br", ".br"), ("gzip", ".gz")])
        {
            var copy = files.GetFileInfo(path + extension);
            if (!copy.Exists || !Accepts(accepted, encoding))
            {
                continue;
            }
            var headers = context.Response.Headers;
            headers.ContentType = contentType;
            headers.ContentEncoding = encoding;
            headers.Vary = "Accept-Encoding";
            headers.ContentLength = copy.Length;
            if (HttpMethods.IsGet(request.Method))
            {
                await context.Response.SendFileAsync(copy);
            }
            return true;
        }
        // No acceptable copy: the file itself, and caches must still know the answer depends on Accept-Encoding.
        context.Response.Headers.Vary = "Accept-Encoding";
        return false;
    }

    private static bool Accepts(string acceptEncoding, string encoding) =>
        acceptEncoding.Split(',').Select(part => part.Split(';')).Any(part =>
            part[0].Trim().Equals(encoding, StringComparison.OrdinalIgnoreCase)
            && !part.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000"));

    private static bool IsLocalHost(HostString host) =>
        host.Host is "127.0.0.1" or "localhost" or "[::1]";

    /// <summary>One of the two files named on the command line: the only files outside the viewer this server hands out.</summary>
    private sealed record ServedFile(string Name, string FullPath)
    {
        public static ServedFile Open(string path)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new CsvDiffException("no such file", path);
            }
            return new ServedFile(Path.GetFileName(full), full);
        }

        public IResult Result() => Results.File(FullPath, "text/csv", Name);
    }
}

internal sealed record ServedNames(string Left, string Right);

[System.Text.Json.Serialization.JsonSerializable(typeof(ServedNames))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class ServeJson : System.Text.Json.Serialization.JsonSerializerContext;
