// A module Web Worker hosting its own .NET runtime over the app's _framework files, so diffs run off the page's thread.
let engine = null;

// Not `self.onmessage =`: dotnet.js reads a set onmessage as "I am one of my own pthread workers" and then
// never finishes loading its assets (dotnet/runtime#114918). A listener leaves onmessage unset.
self.addEventListener('message', ({ data }) => {
  if (data.type === 'start') {
    start(data.dotnetUrl);
  } else if (data.type === 'compare') {
    compare(data);
  }
});

async function start(dotnetUrl) {
  try {
    const { dotnet } = await import(dotnetUrl);
    const runtime = await dotnet.create();
    runtime.setModuleImports('engine-worker', {
      reportProgress: (phase, fraction) => self.postMessage({ type: 'progress', phase, fraction }),
    });
    const exports = await runtime.getAssemblyExports('CsvDiff.Web.dll');
    engine = exports.CsvDiff.Web.Engine.WorkerExports;
    self.postMessage({ type: 'ready' });
  } catch (error) {
    self.postMessage({ type: 'failed', reason: String(error?.message ?? error) });
  }
}

function compare({ leftName, left, rightName, right, settings }) {
  try {
    const reply = engine.Compare(leftName, new Uint8Array(left), rightName, new Uint8Array(right), settings).slice();
    self.postMessage({ type: 'result', bytes: reply.buffer }, [reply.buffer]);
  } catch (error) {
    self.postMessage({ type: 'error', message: String(error?.message ?? error) });
  }
}
