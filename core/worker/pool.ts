// Runs the file-reading tasks in worker threads with a heap limit: cancel terminates the thread at once, a thread that dies becomes one Vietnamese message.
//
// Untrusted files (spreadsheets dropped or picked, dossier lists) are read here, never on the calling thread, so a
// reader that hangs or blows up cannot freeze or kill the Electron main process or the CLI. One task runs per thread;
// a thread that finished cleanly is kept idle for the next call (unreferenced, so it never keeps a process alive).
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserFacingError } from '../files/errors';
import type { FromWorker, TaskArgs, TaskName, TaskNote, TaskResult, ToWorker, WorkerStartData, WorkerTestHook } from './protocol';

/** Heap limit of one worker thread: far above what a bounded reader needs, far below what would starve the app. */
export const WORKER_HEAP_MB = 1024;
/** How long a thread that finished is kept for the next call. */
export const WORKER_IDLE_MS = 120_000;
/**
 * Threads kept idle once no task runs: one, so the next call starts at once; the others (the second reader of a
 * parallel run of dossier lists, with a month's shared strings still in its heap) end at once.
 */
export const WORKER_MAX_IDLE = 1;

export interface WorkerPoolOptions {
  /** Heap limit of each thread in MB (default WORKER_HEAP_MB). */
  maxOldGenerationSizeMb?: number;
  /** The worker script (default: worker.cjs next to the bundle, or the TypeScript entry through tsx from source). */
  script?: string;
  /** Tests only: make the worker hang, block, exit, throw or run out of memory on a file (see WorkerTestHook). */
  testHooks?: WorkerTestHook[];
  idleMs?: number;
  /** Threads kept idle once no task runs (default WORKER_MAX_IDLE). */
  maxIdle?: number;
  /** Receives what killed a thread or what it threw unexpectedly (for the log); the caller only gets the message. */
  onFailure?: (err: unknown) => void;
}

export interface RunOptions {
  /** Aborting terminates the thread and rejects with CANCELLED. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number | null, label: string) => void;
  /** Buffers moved to the thread instead of copied (dropped files' bytes); they are unusable here afterwards. */
  transfer?: ArrayBuffer[];
}

/** The message of a reader thread that died or failed unexpectedly on a file. */
export function readerFailedError(fileName: string): UserFacingError {
  const what = fileName ? `tệp “${fileName}”` : 'tệp';
  return new UserFacingError(
    'FILE_READER_FAILED',
    `Không đọc được ${what}: tệp quá lớn hoặc bị hỏng. Hãy mở tệp bằng Excel, lưu lại thành tệp mới (.xlsx) rồi thử lại.`,
  );
}

export function cancelledError(): UserFacingError {
  return new UserFacingError('CANCELLED', 'Đã hủy thao tác.');
}

/** Where the worker script is: worker.cjs beside the running bundle, or (running from source) the tsx launcher. */
export function defaultWorkerScript(): { script: string; entry?: string } {
  const here = fileURLToPath(import.meta.url);
  if (/\.[cm]?ts$/.test(here)) return { script: join(dirname(here), 'dev-launcher.mjs'), entry: join(dirname(here), 'entry.ts') };
  return { script: join(dirname(here), 'worker.cjs') };
}

/** The file a task is about, for the message when its thread dies before saying which file it opened. */
function firstFileOf(args: unknown): string {
  const a = args as { path?: unknown; sources?: { path?: string; name?: string }[] };
  if (typeof a.path === 'string') return basename(a.path);
  const s = a.sources?.[0];
  return s ? basename(s.path ?? s.name ?? '') : '';
}

interface Slot {
  worker: Worker;
  timer: NodeJS.Timeout | null;
}

export class WorkerPool {
  private idle: Slot[] = [];
  private busy = new Set<Slot>();
  private nextId = 1;
  private readonly opts: WorkerPoolOptions;

  constructor(opts: WorkerPoolOptions = {}) {
    this.opts = opts;
  }

  /** Threads alive (busy or idle): for tests. */
  get threads(): number {
    return this.idle.length + this.busy.size;
  }

  /** Threads running a task: for tests. */
  get busyThreads(): number {
    return this.busy.size;
  }

  private spawn(): Slot {
    const found = this.opts.script ? { script: this.opts.script } : defaultWorkerScript();
    if (!existsSync(found.script)) throw new Error(`the worker script ${found.script} is missing (build it with scripts/build-electron.ts)`);
    const data: WorkerStartData = { ...('entry' in found && found.entry ? { entry: found.entry } : {}), ...(this.opts.testHooks ? { testHooks: this.opts.testHooks } : {}) };
    const worker = new Worker(found.script, {
      workerData: data,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.maxOldGenerationSizeMb ?? WORKER_HEAP_MB },
    });
    const slot: Slot = { worker, timer: null };
    // A thread that ends while idle (or is terminated) is never handed out again.
    worker.once('exit', () => {
      this.idle = this.idle.filter((s) => s !== slot);
      if (slot.timer) clearTimeout(slot.timer);
    });
    return slot;
  }

  private acquire(): Slot {
    const slot = this.idle.pop() ?? this.spawn();
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.worker.ref();
    this.busy.add(slot);
    return slot;
  }

  private release(slot: Slot): void {
    this.busy.delete(slot);
    slot.worker.unref();
    slot.timer = setTimeout(() => this.discard(slot), this.opts.idleMs ?? WORKER_IDLE_MS);
    slot.timer.unref();
    this.idle.push(slot);
    // Only when nothing runs: a parallel run releases and takes threads between its files.
    if (this.busy.size === 0) while (this.idle.length > (this.opts.maxIdle ?? WORKER_MAX_IDLE)) this.discard(this.idle[0]!);
  }

  private discard(slot: Slot): void {
    this.busy.delete(slot);
    this.idle = this.idle.filter((s) => s !== slot);
    if (slot.timer) clearTimeout(slot.timer);
    void slot.worker.terminate();
  }

  /** Runs a task in a thread. File problems reject with the reader's UserFacingError, a dead thread with FILE_READER_FAILED. */
  run<K extends TaskName>(task: K, args: TaskArgs<K>, opts: RunOptions & { onNote?: (note: TaskNote<K>) => void } = {}): Promise<TaskResult<K>> {
    const { signal } = opts;
    if (signal?.aborted) return Promise.reject(cancelledError());
    const slot = this.acquire();
    const { worker } = slot;
    const id = this.nextId++;
    let file = firstFileOf(args);
    return new Promise<TaskResult<K>>((resolve, reject) => {
      let settled = false;
      const finish = (keep: boolean, outcome: () => void) => {
        if (settled) return;
        settled = true;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
        if (keep) this.release(slot);
        else this.discard(slot);
        outcome();
      };
      const died = (cause: unknown) =>
        finish(false, () => {
          this.opts.onFailure?.(cause);
          reject(readerFailedError(file));
        });
      const onMessage = (m: FromWorker) => {
        if (m.id !== id) return;
        if (m.type === 'file') file = m.name;
        else if (m.type === 'progress') opts.onProgress?.(m.done, m.total, m.label);
        else if (m.type === 'note') opts.onNote?.(m.note as TaskNote<K>);
        else if (m.type === 'done') finish(true, () => resolve(m.result as TaskResult<K>));
        else if (m.error.userFacing) finish(true, () => reject(new UserFacingError(m.error.code, m.error.message)));
        else died(Object.assign(new Error(m.error.message), { name: m.error.code, stack: m.error.stack }));
      };
      const onError = (err: Error) => died(err);
      const onExit = (code: number) => died(new Error(`the worker thread exited with code ${code}`));
      const onAbort = () => finish(false, () => reject(cancelledError()));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      const msg: ToWorker = { type: 'run', id, task, args };
      try {
        worker.postMessage(msg, [...new Set(opts.transfer ?? [])]);
      } catch (err) {
        finish(true, () => reject(err));
      }
    });
  }

  /** Starts a thread and waits until it has loaded the readers, so the next call starts at once (tests, start-up). */
  async warm(): Promise<void> {
    if (this.idle.length === 0) await this.run('ping', {});
  }

  /** Terminates every thread (busy ones reject as if they died). */
  async close(): Promise<void> {
    const all = [...this.idle, ...this.busy];
    this.idle = [];
    this.busy.clear();
    await Promise.all(all.map((s) => (s.timer && clearTimeout(s.timer), s.worker.terminate())));
  }
}

let shared: WorkerPool | null = null;

/** The process's pool (the app's main process, the CLI): created on first use. */
export function sharedWorkerPool(): WorkerPool {
  shared ??= new WorkerPool();
  return shared;
}
