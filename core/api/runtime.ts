// Shared runtime pieces of the API: cancellable jobs, the notice queue, and the paths that dialogs have granted.
import { resolve } from 'node:path';
import { UserFacingError } from '../files/errors';
import type { ApiEvents, EventName, Notice } from './contract';

export type Emit = <E extends EventName>(event: E, payload: ApiEvents[E]) => void;

/** Long calls carrying a jobId register here so `job.cancel` can abort them. */
export class JobRegistry {
  private jobs = new Map<string, AbortController>();

  start(jobId: string): AbortController {
    const ctrl = new AbortController();
    this.jobs.get(jobId)?.abort();
    this.jobs.set(jobId, ctrl);
    return ctrl;
  }

  finish(jobId: string, ctrl: AbortController): void {
    if (this.jobs.get(jobId) === ctrl) this.jobs.delete(jobId);
  }

  cancel(jobId: string): boolean {
    const ctrl = this.jobs.get(jobId);
    if (!ctrl) return false;
    ctrl.abort();
    this.jobs.delete(jobId);
    return true;
  }

  get running(): number {
    return this.jobs.size;
  }
}

/**
 * Notices for the clerk. Until the renderer asks for them (`app.notices`, once it listens), they are queued, so
 * that a recovery at startup is not lost; afterwards they go out as `notice` events at once.
 */
export class NoticeHub {
  private pending: Notice[] = [];
  private sink: ((n: Notice) => void) | null = null;

  push(notice: Notice): void {
    if (this.sink) this.sink(notice);
    else this.pending.push(notice);
  }

  /** Returns and clears the queued notices; from now on notices go to `emit`. */
  take(emit: Emit | null): Notice[] {
    if (emit) this.sink = (n) => emit('notice', n);
    const out = this.pending;
    this.pending = [];
    return out;
  }
}

/**
 * Paths the clerk picked in a native dialog. Calls that read or write a path accept only these, so a renderer
 * cannot make main touch files the clerk never chose.
 */
export class PathGrants {
  private paths = new Set<string>();

  private key(p: string): string {
    const r = resolve(p);
    return process.platform === 'win32' ? r.toLowerCase() : r;
  }

  grant(path: string): void {
    this.paths.add(this.key(path));
  }

  check(path: string): void {
    if (!this.paths.has(this.key(path))) {
      throw new UserFacingError('PATH_NOT_GRANTED', 'Hãy chọn tệp hoặc thư mục bằng hộp thoại của ứng dụng rồi thử lại.');
    }
  }
}
