// The on-disk format of stored reports: the envelope { revision, savedAt, report }, version file names and safe reads.
import { upgradeReport } from '../model/upgrade';
import { validateReport } from '../model/report';
import type { Report } from '../model/schema';
import { nestingExceeds, nfcDeep } from '../text/normalize';

/** Marks a file as a stored report of this app (and the envelope's own version). */
export const ENVELOPE_FORMAT = 'bao-cao-766/report';
export const ENVELOPE_VERSION = 1;
/** A stored report nests about ten levels; a file nesting deeper than this is damaged (and never walked recursively). */
const MAX_FILE_DEPTH = 64;

/**
 * A stored report: `revision` counts saves (1 = first save) and is what a save must name to be accepted;
 * `savedAt` is an ISO date-time; `report` carries its own `schemaVersion` and is upgraded on read.
 */
export interface Envelope {
  format: typeof ENVELOPE_FORMAT;
  envelopeVersion: number;
  revision: number;
  savedAt: string;
  report: Report;
}

export function serializeEnvelope(revision: number, savedAt: string, report: Report): string {
  const env: Envelope = { format: ENVELOPE_FORMAT, envelopeVersion: ENVELOPE_VERSION, revision, savedAt, report };
  return JSON.stringify(env, null, 1).normalize('NFC') + '\n';
}

export type ParsedEnvelope =
  | { ok: true; envelope: Envelope; upgraded: boolean }
  /** `newer`: written by a newer app (never set aside as corrupt); otherwise the file is damaged. */
  | { ok: false; newer: boolean; problem: string };

/** Parses a stored report file; never throws. A bare report (no envelope) is accepted as revision 0. */
export function parseEnvelope(text: string): ParsedEnvelope {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return { ok: false, newer: false, problem: `không phải JSON hợp lệ (${(err as Error).message})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, newer: false, problem: 'không phải một đối tượng JSON' };
  }
  if (nestingExceeds(raw, MAX_FILE_DEPTH)) return { ok: false, newer: false, problem: 'dữ liệu lồng nhau quá sâu' };
  const obj = raw as Record<string, unknown>;
  let revision = 0;
  let savedAt = new Date(0).toISOString();
  let reportRaw: unknown = obj;
  if (obj.format === ENVELOPE_FORMAT) {
    if (typeof obj.envelopeVersion !== 'number' || obj.envelopeVersion > ENVELOPE_VERSION) {
      return { ok: false, newer: true, problem: 'tệp được lưu bởi phiên bản mới hơn của ứng dụng; hãy cập nhật ứng dụng' };
    }
    if (typeof obj.revision !== 'number' || !Number.isInteger(obj.revision) || obj.revision < 0) {
      return { ok: false, newer: false, problem: 'số lần lưu (revision) không hợp lệ' };
    }
    if (typeof obj.savedAt !== 'string' || Number.isNaN(Date.parse(obj.savedAt))) {
      return { ok: false, newer: false, problem: 'thời điểm lưu (savedAt) không hợp lệ' };
    }
    revision = obj.revision;
    savedAt = obj.savedAt;
    reportRaw = obj.report;
  }
  const up = upgradeReport(reportRaw);
  if (!up.ok) {
    const newer = typeof (reportRaw as { schemaVersion?: unknown })?.schemaVersion === 'number' && /mới hơn/.test(up.problem);
    return { ok: false, newer, problem: up.problem };
  }
  const version = (reportRaw as { schemaVersion?: unknown }).schemaVersion;
  const valid = validateReport(nfcDeep(reportRaw));
  if (!valid.ok) return { ok: false, newer: false, problem: valid.problem };
  return {
    ok: true,
    envelope: { format: ENVELOPE_FORMAT, envelopeVersion: ENVELOPE_VERSION, revision, savedAt, report: valid.report },
    upgraded: version !== valid.report.schemaVersion,
  };
}

/* ------------------------------------------------------------ version file names */

export const VERSION_REASONS = ['save', 'before-import', 'before-restore', 'recovered'] as const;
export type StoredVersionReason = (typeof VERSION_REASONS)[number];

/** `20240815T143200123Z` (UTC, sortable, safe in file names). */
export function compactStamp(d: Date): string {
  return d.toISOString().replace(/[-:.]/g, '');
}

export function parseCompactStamp(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s);
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface VersionName {
  versionId: string;
  takenAt: Date;
  reason: StoredVersionReason;
  revision: number;
}

/** `<stamp>-<reason>-r<revision>[-<n>]`: the version id; the file is `<versionId>.json`. */
export function versionIdFor(takenAt: Date, reason: StoredVersionReason, revision: number, n = 0): string {
  return `${compactStamp(takenAt)}-${reason}-r${revision}${n ? `-${n}` : ''}`;
}

export function parseVersionId(versionId: string): VersionName | null {
  const m = /^(\d{8}T\d{9}Z)-(save|before-import|before-restore|recovered)-r(\d+)(?:-\d+)?$/.exec(versionId);
  if (!m) return null;
  const takenAt = parseCompactStamp(m[1]!);
  if (!takenAt) return null;
  return { versionId, takenAt, reason: m[2] as StoredVersionReason, revision: Number(m[3]) };
}

/* ------------------------------------------------------------ retention */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Versions and snapshots older than this are dropped (except each report's newest version). */
export const KEEP_DAYS = 31;

/**
 * Which versions to keep (ids), given all versions of one report and the current time:
 * every version of the last hour; the newest of each hour for the last day; the newest of each day for the last
 * month; snapshots (before an import or a restore, or a recovery) all kept for a month; always the newest version.
 * Buckets are UTC hours and days.
 */
export function versionsToKeep(versions: readonly VersionName[], now: Date): Set<string> {
  const keep = new Set<string>();
  const sorted = [...versions].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  if (sorted[0]) keep.add(sorted[0].versionId);
  const seenHour = new Set<number>();
  const seenDay = new Set<number>();
  const t = now.getTime();
  for (const v of sorted) {
    const age = t - v.takenAt.getTime();
    if (age > KEEP_DAYS * DAY) continue;
    if (v.reason !== 'save' || age <= HOUR) {
      keep.add(v.versionId);
      continue;
    }
    if (age <= DAY) {
      const bucket = Math.floor(v.takenAt.getTime() / HOUR);
      if (!seenHour.has(bucket)) keep.add(v.versionId);
      seenHour.add(bucket);
      continue;
    }
    const bucket = Math.floor(v.takenAt.getTime() / DAY);
    if (!seenDay.has(bucket)) keep.add(v.versionId);
    seenDay.add(bucket);
  }
  return keep;
}
