// The file-reading worker thread's entry: runs one task at a time for the pool (core/worker/pool.ts) and posts back files, progress and the result.
import { parentPort, workerData } from 'node:worker_threads';
import { isUserFacingError } from '../files/errors';
import type { FromWorker, ToWorker, WireError, WorkerStartData } from './protocol';
import { TASKS } from './tasks';

const port = parentPort;
if (!port) throw new Error('core/worker/entry runs only as a worker thread');
const hooks = (workerData as WorkerStartData | undefined)?.testHooks ?? [];

function wireError(err: unknown): WireError {
  if (isUserFacingError(err)) return { userFacing: true, code: err.code, message: err.message };
  const e = err instanceof Error ? err : new Error(String(err));
  return { userFacing: false, code: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}

port.on('message', (msg: ToWorker) => {
  if (msg.type !== 'run') return;
  const { id } = msg;
  const post = (m: FromWorker) => port.postMessage(m);
  const run = TASKS[msg.task] as (args: unknown, r: Parameters<(typeof TASKS)['read']>[1], h: typeof hooks) => Promise<unknown>;
  const reporter = {
    file: (name: string) => post({ type: 'file', id, name }),
    progress: (done: number, total: number | null, label: string) => post({ type: 'progress', id, done, total, label }),
    note: (note: unknown) => post({ type: 'note', id, note }),
  };
  void (async () => {
    try {
      const result = await run(msg.args, reporter, hooks);
      post({ type: 'done', id, result });
    } catch (err) {
      post({ type: 'failed', id, error: wireError(err) });
    }
  })();
});
