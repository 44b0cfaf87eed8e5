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
 * What a granted path may be used for: `read` (picked to import or restore from), `write` (picked to save or back up
 * to), `open` (a file the app wrote, opened with the system or shown in its folder).
 */
export type GrantPurpose = 'read' | 'write' | 'open';

const NOT_GRANTED: Record<GrantPurpose, string> = {
  read: 'Hãy chọn tệp hoặc thư mục cần đọc bằng hộp thoại “Mở” của ứng dụng rồi thử lại.',
  write: 'Hãy chọn nơi lưu bằng hộp thoại “Lưu” hoặc “Chọn thư mục” của ứng dụng rồi thử lại.',
  open: 'Ứng dụng chỉ mở các tệp do chính nó vừa xuất; hãy mở tệp này bằng trình quản lý tệp.',
};

/**
 * Paths the clerk picked in a native dialog, each with its purposes. A call that reads, writes or opens a path
 * accepts only a path granted for that purpose, so a renderer cannot make main touch files the clerk never chose,
 * nor overwrite or run a file that was picked only to be read.
 */
export class PathGrants {
  private paths = new Map<string, Set<GrantPurpose>>();

  private key(p: string): string {
    const r = resolve(p);
    return process.platform === 'win32' ? r.toLowerCase() : r;
  }

  grant(path: string, purpose: GrantPurpose): void {
    const k = this.key(path);
    const set = this.paths.get(k) ?? new Set<GrantPurpose>();
    set.add(purpose);
    this.paths.set(k, set);
  }

  check(path: string, purpose: GrantPurpose): void {
    if (!this.paths.get(this.key(path))?.has(purpose)) throw new UserFacingError('PATH_NOT_GRANTED', NOT_GRANTED[purpose]);
  }
}
