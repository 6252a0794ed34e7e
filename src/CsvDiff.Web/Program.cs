// Starts the viewer in the page. In an engine worker the same assembly is loaded without running this: only the exports are used.
using CsvDiff.Web.Components;
using CsvDiff.Web.Page;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<Viewer>("#app");
builder.Services.AddSingleton<BrowserBridge>();
builder.Services.AddSingleton<EngineRunner>();
await builder.Build().RunAsync();
