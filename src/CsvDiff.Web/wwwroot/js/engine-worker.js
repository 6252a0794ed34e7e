// A module Web Worker hosting its own .NET runtime over the app's _framework files: one member of the page's engine pool.
let engine = null;
let heap = null;

// Not `self.onmessage =`: dotnet.js reads a set onmessage as "I am one of my own pthread workers" and then
// never finishes loading its assets (dotnet/runtime#114918). A listener leaves onmessage unset.
self.addEventListener('message', ({ data }) => {
  switch (data.type) {
    case 'start':
      start(data.dotnetUrl);
      break;
    case 'compare':
      answer(data.id, () => engine.Compare(data.leftName, new Uint8Array(data.left), data.rightName, new Uint8Array(data.right), data.settings));
      break;
    case 'load':
      answer(data.id, () => engine.LoadShard(data.side, data.shard, data.name, shardBytes(data), data.headerLength, data.readPlan, data.settings));
      break;
    case 'request':
      answer(data.id, () => engine.HandleShardRequest(data.request, data.settings));
      break;
    case 'clear':
      engine?.ClearShards();
      break;
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
    heap = () => runtime.Module.HEAPU8.byteLength;
    self.postMessage({ type: 'ready', memory: memory() });
  } catch (error) {
    self.postMessage({ type: 'failed', reason: String(error?.message ?? error) });
  }
}

// A shard is handed over either as its own transferred buffer (header part included) or as a range of a shared buffer.
function shardBytes({ bytes, shared, header, start, end }) {
  if (bytes) {
    return new Uint8Array(bytes);
  }
  // .NET copies its arguments into its own heap; building one plain array first keeps shared memory out of the marshaller.
  const own = new Uint8Array(header + end - start);
  own.set(new Uint8Array(shared, 0, header));
  own.set(new Uint8Array(shared, start, end - start), header);
  return own;
}

function answer(id, call) {
  try {
    const reply = call().slice();
    self.postMessage({ type: 'reply', id, bytes: reply.buffer, memory: memory() }, [reply.buffer]);
  } catch (error) {
    self.postMessage({ type: 'error', id, message: String(error?.message ?? error), memory: memory() });
  }
}

// The WebAssembly heap is the worker's real footprint; Chrome also reports the worker's JS heap.
function memory() {
  return { wasmHeapBytes: heap?.() ?? null, jsHeapBytes: self.performance?.memory?.usedJSHeapSize ?? null };
}
