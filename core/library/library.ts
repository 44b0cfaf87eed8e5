// The report library: one JSON file per report in a folder, with revisions, versions, a recycle bin, corrupt-file recovery and backups.
//
// Layout under the library folder (the app passes its user data folder + "/library"):
//   library.json                       { libraryVersion, createdAt }: written once; its absence means first run
//   reports/<id>.json                  the current report in an envelope { format, envelopeVersion, revision, savedAt, report }
//   versions/<id>/<versionId>.json     earlier versions (same envelope); versionId = <UTC stamp>-<reason>-r<revision>
//   recycle/<id>--<UTC stamp>.json     deleted reports (same envelope); versions stay in versions/<id>/
//   corrupt/<id>--<UTC stamp>.json     damaged files set aside (never deleted by the app)
// Every write goes through writeFileAtomic; every save writes the version file first, then the report file, so a
// crash leaves the report file old or new and the newest version never older than it. Operations of one library
// object run one at a time (a queue), so a save never interleaves with a snapshot, a restore or a delete.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { cleanupStaleTemps, describeWriteError, FileLockedError, FileReadError, isLockError, readFileIfExists, writeFileAtomic } from '../files/atomic';
import { UserFacingError } from '../files/errors';
import { isWindowsReservedName } from '../files/names';
import { periodLabel, periodSortKey, previousPeriod, samePeriod } from '../model/period';
import { applyCatalogue, carriedCells, loadSample, newReportFrom } from '../model/report';
import { indicatorSetFor } from '../model/indicators';
import type { Period, Report } from '../model/schema';
import type { Catalogue } from './settings';
import {
  BACKUP_FORMAT,
  BACKUP_MANIFEST,
  backupFolderName,
  findBackupFolder,
  incompleteMessage,
  markIncomplete,
  markInterruptedBackups,
} from './backup-folders';
import { ensureLibraryLayout, ensureSubfolder, LIBRARY_META, repairMessage } from './layout';
import {
  compactStamp,
  parseCompactStamp,
  parseEnvelope,
  parseVersionId,
  serializeEnvelope,
  versionIdFor,
  versionsToKeep,
  type Envelope,
  type StoredVersionReason,
  type VersionName,
} from './store';
import type {
  BackupResult,
  Notice,
  OpenedReport,
  RecycleEntry,
  ReportSummary,
  RestoreBackupResult,
  SaveResult,
  VersionInfo,
} from './dto';
import type { IndicatorSetId, NumberStyle, Profile } from '../model/schema';

export const LIBRARY_VERSION = 1;
const ID_RE = /^[A-Za-z0-9_-]{1,80}$/;

export interface JobContext {
  signal?: AbortSignal;
  progress?: (done: number, total: number | null, label: string) => void;
}

export interface LibraryOptions {
  /** The library folder; created if missing. */
  folder: string;
  /** Clock (tests move it to check version retention). */
  now?: () => Date;
  /** Receives notices for the clerk (corrupt file recovered, file skipped…). */
  onNotice?: (notice: Notice) => void;
  /** Counts errors and warnings for the list (the consistency checks); omitted → null in summaries. */
  countFindings?: (report: Report) => { errors: number; warnings: number } | null;
  /** Default profile, unit catalogue and number style from the settings, copied into new reports. */
  defaults?: () => { profile: Profile | null; catalogue: Catalogue | null; numberStyle?: NumberStyle; indicatorSet?: IndicatorSetId | null };
  /** Adds the built-in sample on first run (default true). */
  addSampleOnFirstRun?: boolean;
}

function staleError(): UserFacingError {
  return new UserFacingError(
    'STALE_REVISION',
    'Báo cáo đã được lưu từ một cửa sổ hoặc thao tác khác sau khi bạn mở nó, nên lần lưu này bị từ chối để không ghi đè. Hãy mở lại báo cáo rồi làm tiếp.',
  );
}

function notFound(id: string): UserFacingError {
  return new UserFacingError('NOT_FOUND', `Không tìm thấy báo cáo “${id}” trong thư viện (có thể đã bị xóa). Hãy tải lại danh sách báo cáo.`);
}

function checkId(id: string): void {
  if (!ID_RE.test(id) || isWindowsReservedName(id)) throw new UserFacingError('BAD_ARGS', `Mã báo cáo “${id}” không hợp lệ.`);
}

function cancelled(): UserFacingError {
  return new UserFacingError('CANCELLED', 'Đã hủy thao tác.');
}

function viDateTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())} ngày ${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (err) {
    // Missing, or a file where a folder belongs (set aside by the layout check before any write).
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw err;
  }
}

function docNumber(r: Report): string | null {
  return r.document.number === null ? null : `${r.document.number}/${r.document.typeCode}-${r.profile.bodyCode}`;
}

export class ReportLibrary {
  readonly folder: string;
  private readonly now: () => Date;
  private readonly opts: LibraryOptions;
  private queue: Promise<unknown> = Promise.resolve();
  private summaryCache = new Map<string, { mtimeMs: number; size: number; summary: ReportSummary }>();
  private ready: Promise<void> | null = null;

  constructor(opts: LibraryOptions) {
    this.opts = opts;
    this.folder = resolve(opts.folder);
    this.now = opts.now ?? (() => new Date());
  }

  private get reportsDir() {
    return join(this.folder, 'reports');
  }
  private get versionsRoot() {
    return join(this.folder, 'versions');
  }
  private get recycleDir() {
    return join(this.folder, 'recycle');
  }
  private get corruptDir() {
    return join(this.folder, 'corrupt');
  }
  private reportPath(id: string) {
    return join(this.reportsDir, `${id}.json`);
  }
  private versionsDir(id: string) {
    return join(this.versionsRoot, id);
  }

  private notify(notice: Notice): void {
    this.opts.onNotice?.(notice);
  }

  /** Runs operations one at a time; a failing one does not block the next. */
  private exclusive<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.init()).then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Checks the folder's layout (before every operation: a part of the wrong kind is set aside in corrupt/, the reports
   * it held come back from their versions), then once removes temp files of killed processes and adds the sample on
   * first run. A failure is not remembered: the next call tries again.
   */
  async init(): Promise<void> {
    const repair = await ensureLibraryLayout(this.folder, this.now);
    if (repair.setAside.length) {
      this.summaryCache.clear();
      const recovered = repair.setAside.includes('reports') ? await this.recoverFromVersions() : 0;
      // A library that lost only its library.json is not new: it gets one again (and the sample is not brought back).
      if (repair.setAside.includes(LIBRARY_META)) await this.writeMeta();
      this.notify({ level: 'warning', code: 'LIBRARY_REPAIRED', message: repairMessage(repair.setAside, recovered) });
    }
    this.ready ??= this.firstOpen().catch((err: unknown) => {
      this.ready = null;
      throw err;
    });
    return this.ready;
  }

  /** After reports/ was lost: each report with versions, not in the recycle bin, comes back from its newest good version. */
  private async recoverFromVersions(): Promise<number> {
    const recycled = new Set((await listDir(this.recycleDir)).map((n) => n.split('--')[0]));
    let recovered = 0;
    for (const id of await listDir(this.versionsRoot)) {
      if (!ID_RE.test(id) || recycled.has(id) || (await exists(this.reportPath(id)))) continue;
      if (await this.fromNewestVersion(id)) recovered++;
    }
    return recovered;
  }

  private async firstOpen(): Promise<void> {
    await cleanupStaleTemps(this.folder);
    await cleanupStaleTemps(this.reportsDir);
    await cleanupStaleTemps(this.recycleDir);
    for (const id of await listDir(this.versionsRoot)) await cleanupStaleTemps(this.versionsDir(id));
    const meta = await readFileIfExists(join(this.folder, LIBRARY_META));
    if (meta === null) {
      if (this.opts.addSampleOnFirstRun !== false) {
        const sample = loadSample();
        if ((await readFileIfExists(this.reportPath(sample.id))) === null) await this.writeNew(sample, 'save');
      }
      await this.writeMeta();
    }
  }

  private writeMeta(): Promise<void> {
    const meta = { libraryVersion: LIBRARY_VERSION, createdAt: this.now().toISOString() };
    return writeFileAtomic(join(this.folder, LIBRARY_META), JSON.stringify(meta, null, 1) + '\n');
  }

  /* -------------------------------------------------------------- reading */

  /**
   * Reads a report file. A damaged file is set aside in corrupt/ and replaced by its newest good version
   * (the clerk gets a notice); a file from a newer app is refused but left in place.
   */
  private async readEnvelope(id: string): Promise<Envelope> {
    const path = this.reportPath(id);
    let buf: Buffer | null;
    try {
      buf = await readFileIfExists(path);
    } catch (err) {
      if (err instanceof FileReadError && err.systemCode === 'EISDIR') return this.recover(id, 'tệp báo cáo đã thành một thư mục');
      throw err;
    }
    if (buf === null) throw notFound(id);
    const parsed = parseEnvelope(buf.toString('utf8'));
    if (parsed.ok) {
      if (parsed.envelope.report.id !== id) {
        return this.recover(id, `mã báo cáo trong tệp (“${parsed.envelope.report.id}”) khác tên tệp`);
      }
      return parsed.envelope;
    }
    if (parsed.newer) throw new UserFacingError('NEWER_VERSION', `Báo cáo “${id}”: ${parsed.problem}.`);
    return this.recover(id, parsed.problem);
  }

  private async recover(id: string, problem: string): Promise<Envelope> {
    const path = this.reportPath(id);
    let aside = join(this.corruptDir, `${id}--${compactStamp(this.now())}.json`);
    for (let n = 2; await exists(aside); n++) aside = join(this.corruptDir, `${id}--${compactStamp(this.now())}-${n}.json`);
    await fs.rename(path, aside).catch(async () => {
      // Renaming across a lock failed: copy it aside instead, then the good version overwrites it below.
      const data = await readFileIfExists(path);
      if (data !== null) await writeFileAtomic(aside, data);
    });
    this.summaryCache.delete(id);
    const back = await this.fromNewestVersion(id);
    if (back) {
      this.notify({
        level: 'warning',
        code: 'REPORT_RECOVERED',
        reportId: id,
        message: `Tệp báo cáo ${periodLabel(back.env.report.period)} bị hỏng (${problem}); đã khôi phục bản lưu lúc ${viDateTime(back.takenAt)}. Tệp hỏng được giữ lại trong thư mục “corrupt” của thư viện.`,
      });
      return back.env;
    }
    this.notify({
      level: 'error',
      code: 'REPORT_LOST',
      reportId: id,
      message: `Tệp báo cáo “${id}” bị hỏng (${problem}) và không có bản lưu nào còn tốt. Tệp hỏng được giữ lại trong thư mục “corrupt” của thư viện; hãy khôi phục từ bản sao lưu nếu có.`,
    });
    throw notFound(id);
  }

  /**
   * Writes the report file of `id` from its newest good version, with the highest revision ever saved (so the open
   * editor's next save is accepted). Returns null when no version is good.
   */
  private async fromNewestVersion(id: string): Promise<{ env: Envelope; takenAt: Date } | null> {
    const versions = await this.versionNames(id);
    const maxRevision = versions.reduce((m, v) => Math.max(m, v.revision), 0);
    for (const v of versions) {
      const buf = await readFileIfExists(join(this.versionsDir(id), `${v.versionId}.json`)).catch(() => null);
      if (buf === null) continue;
      const parsed = parseEnvelope(buf.toString('utf8'));
      if (!parsed.ok || parsed.envelope.report.id !== id) continue;
      const env: Envelope = { ...parsed.envelope, revision: maxRevision, savedAt: this.now().toISOString() };
      await writeFileAtomic(this.reportPath(id), serializeEnvelope(env.revision, env.savedAt, env.report));
      this.summaryCache.delete(id);
      return { env, takenAt: v.takenAt };
    }
    return null;
  }

  private summaryOf(env: Envelope): ReportSummary {
    const r = env.report;
    return {
      id: r.id,
      period: r.period,
      periodLabel: periodLabel(r.period),
      periodKey: periodSortKey(r.period),
      documentNumber: docNumber(r),
      locality: r.profile.locality,
      total: r.total,
      groupScores: Object.fromEntries(r.groups.map((g) => [g.code, g.score])) as ReportSummary['groupScores'],
      findings: this.opts.countFindings ? this.opts.countFindings(r) : null,
      isSample: r.isSample,
      revision: env.revision,
      savedAt: env.savedAt,
    };
  }

  /** All reports, newest period first (then latest saved first). Damaged files are recovered on the way. */
  list(): Promise<ReportSummary[]> {
    return this.exclusive(async () => {
      const out: ReportSummary[] = [];
      const seen = new Set<string>();
      for (const name of await listDir(this.reportsDir)) {
        if (!name.endsWith('.json')) continue;
        const id = name.slice(0, -5);
        if (!ID_RE.test(id) || isWindowsReservedName(id)) continue;
        seen.add(id);
        const path = this.reportPath(id);
        try {
          const st = await fs.stat(path);
          const cached = this.summaryCache.get(id);
          if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) {
            out.push(cached.summary);
            continue;
          }
          const env = await this.readEnvelope(id);
          const summary = this.summaryOf(env);
          const st2 = await fs.stat(path);
          this.summaryCache.set(id, { mtimeMs: st2.mtimeMs, size: st2.size, summary });
          out.push(summary);
        } catch (err) {
          if (err instanceof UserFacingError && err.code === 'NOT_FOUND') continue;
          if (err instanceof UserFacingError) {
            this.notify({ level: 'warning', code: err.code, reportId: id, message: err.message });
            continue;
          }
          throw err;
        }
      }
      for (const id of this.summaryCache.keys()) if (!seen.has(id)) this.summaryCache.delete(id);
      return out.sort((a, b) => (a.periodKey === b.periodKey ? b.savedAt.localeCompare(a.savedAt) : b.periodKey.localeCompare(a.periodKey)));
    });
  }

  open(id: string): Promise<OpenedReport> {
    checkId(id);
    return this.exclusive(async () => {
      const env = await this.readEnvelope(id);
      return { id, revision: env.revision, savedAt: env.savedAt, report: env.report };
    });
  }

  /**
   * The report of the period before `period` for `locality`, other than report `id`: a real report before the sample.
   * The comparison beside the figures reads it; null when the library has none.
   */
  async previous(id: string, period: Period, locality: string): Promise<{ id: string; report: Report } | null> {
    const want = previousPeriod(period);
    const candidates = (await this.list()).filter((s) => s.id !== id && s.locality === locality && samePeriod(s.period, want));
    const pick = candidates.find((s) => !s.isSample) ?? candidates[0];
    if (!pick) return null;
    const opened = await this.open(pick.id);
    return { id: pick.id, report: opened.report };
  }

  /* -------------------------------------------------------------- writing */

  private async versionNames(id: string): Promise<VersionName[]> {
    const names: VersionName[] = [];
    for (const file of await listDir(this.versionsDir(id))) {
      if (!file.endsWith('.json')) continue;
      const v = parseVersionId(file.slice(0, -5));
      if (v) names.push(v);
    }
    return names.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.revision - a.revision);
  }

  private async writeVersion(id: string, reason: StoredVersionReason, revision: number, savedAt: string, report: Report): Promise<VersionName> {
    const dir = this.versionsDir(id);
    await this.ensureVersionsDir(id);
    const takenAt = this.now();
    let n = 0;
    let versionId = versionIdFor(takenAt, reason, revision);
    while ((await readFileIfExists(join(dir, `${versionId}.json`))) !== null) versionId = versionIdFor(takenAt, reason, revision, ++n);
    await writeFileAtomic(join(dir, `${versionId}.json`), serializeEnvelope(revision, savedAt, report));
    return { versionId, takenAt, reason, revision };
  }

  /** Makes versions/<id> a folder; a file of that name is set aside in corrupt/ with a notice. */
  private async ensureVersionsDir(id: string): Promise<void> {
    const moved = await ensureSubfolder(this.folder, join('versions', id), `versions-${id}`, this.now()).catch((err: unknown) => {
      throw describeWriteError(this.versionsDir(id), err);
    });
    if (moved) {
      this.notify({ level: 'warning', code: 'LIBRARY_REPAIRED', reportId: id, message: repairMessage([`versions/${id}`], 0) });
    }
  }

  /** Drops versions outside the retention rule (see versionsToKeep). */
  private async prune(id: string): Promise<void> {
    const versions = await this.versionNames(id);
    const keep = versionsToKeep(versions, this.now());
    for (const v of versions) {
      if (!keep.has(v.versionId)) await fs.unlink(join(this.versionsDir(id), `${v.versionId}.json`)).catch(() => undefined);
    }
  }

  /** Writes a report as a new revision: version file first, then the report file, then pruning. */
  private async commit(id: string, revision: number, report: Report, reason: StoredVersionReason = 'save'): Promise<SaveResult> {
    const savedAt = this.now().toISOString();
    await this.writeVersion(id, reason, revision, savedAt, report);
    await writeFileAtomic(this.reportPath(id), serializeEnvelope(revision, savedAt, report));
    await this.prune(id);
    return { revision, savedAt };
  }

  private async writeNew(report: Report, reason: StoredVersionReason): Promise<OpenedReport> {
    const res = await this.commit(report.id, 1, report, reason);
    return { id: report.id, revision: res.revision, savedAt: res.savedAt, report };
  }

  /**
   * Saves the open report. `revision` must be the stored revision (0 for a report not stored yet); otherwise the
   * save is refused with STALE_REVISION and nothing is written.
   */
  save(id: string, revision: number, report: Report): Promise<SaveResult> {
    checkId(id);
    return this.exclusive(async () => {
      if (report.id !== id) throw new UserFacingError('BAD_ARGS', 'Mã báo cáo không khớp với nội dung báo cáo.');
      const exists = (await readFileIfExists(this.reportPath(id))) !== null;
      if (!exists) {
        if (revision !== 0) throw notFound(id);
        return this.commit(id, 1, report);
      }
      const current = await this.readEnvelope(id);
      if (current.revision !== revision) throw staleError();
      return this.commit(id, revision + 1, report);
    });
  }

  /** Keeps the stored report as a version now (before an import, a paste or a restore). */
  snapshot(id: string, reason: 'before-import' | 'before-restore'): Promise<VersionInfo> {
    checkId(id);
    return this.exclusive(async () => {
      const env = await this.readEnvelope(id);
      const v = await this.writeVersion(id, reason, env.revision, env.savedAt, env.report);
      return this.versionInfo(id, v, env.report);
    });
  }

  private versionInfo(id: string, v: VersionName, report: Report): VersionInfo {
    return {
      versionId: v.versionId,
      reportId: id,
      takenAt: v.takenAt.toISOString(),
      reason: v.reason,
      revision: v.revision,
      periodLabel: periodLabel(report.period),
      total: report.total,
    };
  }

  /** Earlier versions of a report, newest first; damaged version files are left out. */
  versions(id: string): Promise<VersionInfo[]> {
    checkId(id);
    return this.exclusive(async () => {
      const out: VersionInfo[] = [];
      for (const v of await this.versionNames(id)) {
        const buf = await readFileIfExists(join(this.versionsDir(id), `${v.versionId}.json`)).catch(() => null);
        if (buf === null) continue;
        const parsed = parseEnvelope(buf.toString('utf8'));
        if (parsed.ok) out.push(this.versionInfo(id, v, parsed.envelope.report));
      }
      // Numbered in the order they were taken (1 = the oldest kept), one number each: two versions may hold the same
      // revision (the save and the snapshot before an import), so the revision cannot number them.
      return out.map((v, i) => ({ ...v, number: out.length - i }));
    });
  }

  /** One earlier version's report (to compare it with the report now). */
  version(id: string, versionId: string): Promise<{ versionId: string; takenAt: string; report: Report }> {
    checkId(id);
    return this.exclusive(async () => {
      const { v, report } = await this.readVersion(id, versionId);
      return { versionId, takenAt: v.takenAt.toISOString(), report };
    });
  }

  private async readVersion(id: string, versionId: string): Promise<{ v: VersionName; report: Report }> {
    const v = parseVersionId(versionId);
    const buf = v ? await readFileIfExists(join(this.versionsDir(id), `${versionId}.json`)) : null;
    if (!v || buf === null) throw new UserFacingError('NOT_FOUND', 'Không tìm thấy phiên bản này (có thể đã được dọn bớt). Hãy tải lại danh sách phiên bản.');
    const parsed = parseEnvelope(buf.toString('utf8'));
    if (!parsed.ok) throw new UserFacingError('VERSION_DAMAGED', `Phiên bản này bị hỏng (${parsed.problem}); hãy chọn một phiên bản khác.`);
    return { v, report: parsed.envelope.report };
  }

  /** Makes an earlier version the current report (after a snapshot of the current one), as a new revision. */
  restoreVersion(id: string, versionId: string): Promise<OpenedReport> {
    checkId(id);
    return this.exclusive(async () => {
      const version = await this.readVersion(id, versionId);
      const current = await this.readEnvelope(id);
      await this.writeVersion(id, 'before-restore', current.revision, current.savedAt, current.report);
      const report = { ...version.report, id };
      const res = await this.commit(id, current.revision + 1, report);
      return { id, revision: res.revision, savedAt: res.savedAt, report };
    });
  }

  /* -------------------------------------------------------------- creating */

  private async newId(): Promise<string> {
    for (;;) {
      const id = randomUUID();
      if ((await readFileIfExists(this.reportPath(id))) === null) return id;
    }
  }

  private async allEnvelopes(): Promise<Envelope[]> {
    const out: Envelope[] = [];
    for (const name of await listDir(this.reportsDir)) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : '';
      if (!ID_RE.test(id)) continue;
      try {
        out.push(await this.readEnvelope(id));
      } catch (err) {
        if (!(err instanceof UserFacingError)) throw err;
      }
    }
    return out;
  }

  /**
   * A new report for `period` from an earlier report's profile, units and table layout, every figure blank
   * (never zero). Default base: the newest non-sample report before `period`, else the newest non-sample report,
   * else the sample. The settings' default profile, unit catalogue (names, other names, order, blocks; see
   * applyCatalogue) and number style replace the base's.
   */
  newReport(period: Period, fromId?: string): Promise<OpenedReport> {
    if (fromId !== undefined) checkId(fromId);
    return this.exclusive(async () => {
      let base: Report;
      if (fromId !== undefined) {
        base = (await this.readEnvelope(fromId)).report;
      } else {
        const all = (await this.allEnvelopes()).map((e) => e.report).filter((r) => !r.isSample);
        const key = periodSortKey(period);
        all.sort((a, b) => periodSortKey(b.period).localeCompare(periodSortKey(a.period)));
        base = all.find((r) => periodSortKey(r.period) < key) ?? all[0] ?? loadSample();
      }
      const defaults = this.opts.defaults?.();
      let report = newReportFrom(base, period, await this.newId(), defaults?.indicatorSet ?? indicatorSetFor(period));
      if (defaults?.profile) report.profile = structuredClone(defaults.profile);
      if (defaults?.catalogue) report = applyCatalogue(report, defaults.catalogue);
      // Statuses carried from the base stay marked only where their unit is still in the report.
      const carried = carriedCells(report);
      if (carried.length > 0) report.carried = carried;
      else delete report.carried;
      if (defaults?.numberStyle) report.numberStyle = { ...defaults.numberStyle };
      return this.writeNew(report, 'save');
    });
  }

  /** A copy of a report under a new id (never marked as the sample). */
  duplicate(id: string): Promise<OpenedReport> {
    checkId(id);
    return this.exclusive(async () => {
      const env = await this.readEnvelope(id);
      const report: Report = { ...structuredClone(env.report), id: await this.newId(), isSample: false };
      return this.writeNew(report, 'save');
    });
  }

  /** Puts the built-in sample back (or returns it if it is there). */
  addSample(): Promise<OpenedReport> {
    return this.exclusive(async () => {
      const sample = loadSample();
      if ((await readFileIfExists(this.reportPath(sample.id))) !== null) {
        const env = await this.readEnvelope(sample.id);
        return { id: sample.id, revision: env.revision, savedAt: env.savedAt, report: env.report };
      }
      return this.writeNew(sample, 'save');
    });
  }

  /* -------------------------------------------------------------- recycle bin */

  /** Moves a report to the recycle bin (its versions stay, so a restored report keeps its history). */
  delete(id: string): Promise<RecycleEntry> {
    checkId(id);
    return this.exclusive(async () => {
      const env = await this.readEnvelope(id);
      const deletedAt = this.now();
      const recycleId = `${id}--${compactStamp(deletedAt)}`;
      await moveFile(this.reportPath(id), join(this.recycleDir, `${recycleId}.json`));
      this.summaryCache.delete(id);
      return this.recycleEntry(recycleId, id, deletedAt, env.report);
    });
  }

  private recycleEntry(recycleId: string, reportId: string, deletedAt: Date, r: Report): RecycleEntry {
    return {
      recycleId,
      reportId,
      deletedAt: deletedAt.toISOString(),
      periodLabel: periodLabel(r.period),
      documentNumber: docNumber(r),
      total: r.total,
    };
  }

  recycleList(): Promise<RecycleEntry[]> {
    return this.exclusive(async () => {
      const out: RecycleEntry[] = [];
      for (const name of await listDir(this.recycleDir)) {
        const m = /^([A-Za-z0-9_-]{1,80})--(\d{8}T\d{9}Z)\.json$/.exec(name);
        const deletedAt = m ? parseCompactStamp(m[2]!) : null;
        if (!m || !deletedAt) continue;
        const buf = await readFileIfExists(join(this.recycleDir, name)).catch(() => null);
        const parsed = buf ? parseEnvelope(buf.toString('utf8')) : null;
        if (parsed?.ok) out.push(this.recycleEntry(name.slice(0, -5), m[1]!, deletedAt, parsed.envelope.report));
      }
      return out.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
    });
  }

  /** Puts a report back from the recycle bin; if its id was taken meanwhile, it comes back as a copy with a new id. */
  recycleRestore(recycleId: string): Promise<ReportSummary> {
    return this.exclusive(async () => {
      const m = /^([A-Za-z0-9_-]{1,80})--(\d{8}T\d{9}Z)$/.exec(recycleId);
      const path = join(this.recycleDir, `${recycleId}.json`);
      const buf = m ? await readFileIfExists(path) : null;
      if (!m || buf === null) throw new UserFacingError('NOT_FOUND', 'Không tìm thấy báo cáo này trong thùng rác. Hãy tải lại danh sách.');
      const parsed = parseEnvelope(buf.toString('utf8'));
      if (!parsed.ok) throw new UserFacingError('REPORT_DAMAGED', `Báo cáo trong thùng rác bị hỏng (${parsed.problem}).`);
      const id = m[1]!;
      if ((await readFileIfExists(this.reportPath(id))) === null) {
        await moveFile(path, this.reportPath(id));
        return this.summaryOf(parsed.envelope);
      }
      const report = { ...parsed.envelope.report, id: await this.newId(), isSample: false };
      const opened = await this.writeNew(report, 'save');
      await fs.unlink(path);
      return this.summaryOf({ ...parsed.envelope, revision: opened.revision, savedAt: opened.savedAt, report });
    });
  }

  /* -------------------------------------------------------------- backup */

  /**
   * Copies the whole library into a new folder `BaoCao766-sao-luu-<local date-time>` inside `dest`: reports,
   * versions and recycle bin, each file written atomically and read back, and a manifest written last (a folder
   * without it is an interrupted backup and is refused by restore).
   */
  backup(dest: string, job: JobContext = {}): Promise<BackupResult> {
    return this.exclusive(async () => {
      const d = this.now();
      // Backups a killed app or a pulled stick left without a manifest are named as incomplete first.
      for (const m of await markInterruptedBackups(resolve(dest))) {
        this.notify({ level: 'warning', code: 'BACKUP_INCOMPLETE', message: incompleteMessage(dest, m.from, m.to) });
      }
      const base = backupFolderName(d);
      let target = join(resolve(dest), base);
      for (let n = 2; await exists(target); n++) target = join(resolve(dest), `${base}-${n}`);
      const files: string[] = [];
      for (const name of await listDir(this.reportsDir)) if (name.endsWith('.json')) files.push(join('reports', name));
      for (const id of await listDir(this.versionsRoot)) {
        for (const name of await listDir(this.versionsDir(id))) if (name.endsWith('.json')) files.push(join('versions', id, name));
      }
      for (const name of await listDir(this.recycleDir)) if (name.endsWith('.json')) files.push(join('recycle', name));
      try {
        await fs.mkdir(target, { recursive: true });
      } catch (err) {
        throw new UserFacingError('BACKUP_FAILED', `Không tạo được thư mục sao lưu trong “${dest}” (${(err as NodeJS.ErrnoException).code ?? 'lỗi'}). Hãy kiểm tra ổ USB hoặc chọn thư mục khác.`);
      }
      try {
        return await this.copyInto(target, files, d, job);
      } catch (err) {
        // Cancelled or failed half-way: never leave a folder that looks like a backup.
        await markIncomplete(target).catch(() => null);
        throw err;
      }
    });
  }

  /** Copies the library files into the backup folder, each read back, then writes the manifest last. */
  private async copyInto(target: string, files: string[], d: Date, job: JobContext): Promise<BackupResult> {
    let reports = 0;
    let versions = 0;
    for (let i = 0; i < files.length; i++) {
      if (job.signal?.aborted) throw cancelled();
      job.progress?.(i, files.length, 'Đang sao lưu thư viện báo cáo…');
      const rel = files[i]!;
      const data = await readFileIfExists(join(this.folder, rel));
      if (data === null) continue;
      const out = join(target, rel);
      await fs.mkdir(join(out, '..'), { recursive: true });
      await writeFileAtomic(out, data);
      const back = await readFileIfExists(out);
      if (back === null || !back.equals(data)) {
        throw new UserFacingError('BACKUP_FAILED', `Bản sao của “${rel}” trên ổ đích không khớp với bản gốc. Hãy kiểm tra ổ USB rồi sao lưu lại.`);
      }
      if (rel.startsWith('reports')) reports++;
      else if (rel.startsWith('versions')) versions++;
    }
    const manifest = { format: BACKUP_FORMAT, libraryVersion: LIBRARY_VERSION, createdAt: d.toISOString(), reports, versions, files: files.length };
    await writeFileAtomic(join(target, BACKUP_MANIFEST), JSON.stringify(manifest, null, 1) + '\n');
    job.progress?.(files.length, files.length, 'Đã sao lưu xong.');
    return { folder: target, reports, versions };
  }

  /**
   * Takes reports from a backup: `src` is a backup folder or a folder holding backups (the newest is used).
   * A report missing from the library is added; one the library holds in an older save is kept as a version
   * ("before-restore") and replaced; one the library holds in the same or a newer save is left alone. Versions
   * and recycle-bin files the library lacks are copied. Damaged files in the backup are skipped with a notice.
   */
  restoreBackup(src: string, job: JobContext = {}): Promise<RestoreBackupResult> {
    return this.exclusive(async () => {
      const folder = await findBackupFolder(resolve(src));
      let restored = 0;
      let unchanged = 0;
      let skipped = 0;
      const reportFiles = (await listDir(join(folder, 'reports'))).filter((n) => n.endsWith('.json'));
      for (let i = 0; i < reportFiles.length; i++) {
        if (job.signal?.aborted) throw cancelled();
        job.progress?.(i, reportFiles.length, 'Đang khôi phục từ bản sao lưu…');
        const name = reportFiles[i]!;
        const id = name.slice(0, -5);
        const buf = await readFileIfExists(join(folder, 'reports', name));
        const parsed = buf && ID_RE.test(id) ? parseEnvelope(buf.toString('utf8')) : null;
        if (!parsed?.ok || parsed.envelope.report.id !== id) {
          skipped++;
          this.notify({ level: 'warning', code: 'BACKUP_FILE_SKIPPED', message: `Bỏ qua tệp “${name}” trong bản sao lưu vì bị hỏng${parsed && !parsed.ok ? ` (${parsed.problem})` : ''}.` });
          continue;
        }
        const incoming = parsed.envelope;
        // Versions first, so the restored report arrives with its history.
        for (const vname of await listDir(join(folder, 'versions', id))) {
          if (!vname.endsWith('.json') || !parseVersionId(vname.slice(0, -5))) continue;
          const local = join(this.versionsDir(id), vname);
          if (await exists(local)) continue;
          const vbuf = await readFileIfExists(join(folder, 'versions', id, vname));
          if (vbuf === null || !parseEnvelope(vbuf.toString('utf8')).ok) continue;
          await this.ensureVersionsDir(id);
          await writeFileAtomic(local, vbuf);
        }
        let current: Envelope | null = null;
        if ((await readFileIfExists(this.reportPath(id))) !== null) {
          try {
            current = await this.readEnvelope(id);
          } catch (err) {
            if (!(err instanceof UserFacingError) || err.code !== 'NOT_FOUND') throw err;
          }
        }
        if (current === null) {
          await this.commit(id, Math.max(1, incoming.revision), incoming.report);
          restored++;
        } else if (current.savedAt >= incoming.savedAt && current.revision >= incoming.revision) {
          unchanged++;
        } else {
          await this.writeVersion(id, 'before-restore', current.revision, current.savedAt, current.report);
          await this.commit(id, Math.max(current.revision, incoming.revision) + 1, incoming.report);
          restored++;
        }
        this.summaryCache.delete(id);
      }
      for (const name of await listDir(join(folder, 'recycle'))) {
        if (!/^[A-Za-z0-9_-]{1,80}--\d{8}T\d{9}Z\.json$/.test(name)) continue;
        const local = join(this.recycleDir, name);
        if (await exists(local)) continue;
        const rbuf = await readFileIfExists(join(folder, 'recycle', name));
        if (rbuf !== null && parseEnvelope(rbuf.toString('utf8')).ok) await writeFileAtomic(local, rbuf);
      }
      job.progress?.(reportFiles.length, reportFiles.length, 'Đã khôi phục xong.');
      return { restored, unchanged, skipped };
    });
  }
}

/**
 * Renames a file within the library (atomic on one volume), retrying while another program (antivirus, backup
 * tool) holds it, then telling the clerk which file to close.
 */
async function moveFile(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      if (!isLockError(err)) throw err;
      if (attempt >= 10) throw new FileLockedError(from, 'locked', { cause: err });
      await new Promise((r) => setTimeout(r, 35 * (attempt + 1)));
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Adds the catalogue's other names to units with the same id, and its units the report lacks (if their block exists). */
