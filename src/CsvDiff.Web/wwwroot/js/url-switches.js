// @ts-check
// The switches a page URL may set, read in one place: for people diagnosing the pool, and for the end-to-end tests.
const query = new URLSearchParams(location.search);

export const switches = Object.freeze({
  /** `?workers=off` runs the engine on the page; `?workers=N` sets the pool's size (null: one per core). */
  workers: query.get('workers'),
  /**
   * `?fault=worker-start` makes every worker fail to load .NET; `?fault=kill-worker` stops worker 2 during a run;
   * `?fault=slow-start` starts every worker but the first 5 s late, as a slow device would; `?fault=late-warm-up` has every
   * worker begin its warm-up 5 s after it is ready, so that a test's first request comes before it.
   */
  fault: query.get('fault'),
  /** `?min-shard-bytes=N` lowers the smallest shard, so that small test files are cut too (null: the default). */
  minShardBytes: Number(query.get('min-shard-bytes')) || null,
  /**
   * `?whole-below=N` runs inputs under N bytes together whole in one worker rather than in shards (null: the engine's
   * measured default; 0: always shard). Asking for small shards with `?min-shard-bytes` asks for shards, so it means 0.
   */
  wholeBelowBytes: query.has('whole-below') ? Number(query.get('whole-below')) : query.has('min-shard-bytes') ? 0 : null,
  /**
   * `?diff-ahead=off` reads a small pair ahead as tables only, without diffing it with the options of the moment: to time the
   * Compare itself.
   */
  diffAhead: query.get('diff-ahead'),
});
