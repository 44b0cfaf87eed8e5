// The library's result types (what library calls give back): the API contract re-exports them for the renderer.
import type { GroupCode, Period, Report } from '../model/schema';

/** One row of the report library (start screen). */
export interface ReportSummary {
  id: string;
  period: Period;
  /** "Tháng 7/2024" */
  periodLabel: string;
  /** Sortable key; newest period sorts last (the list comes newest first already). */
  periodKey: string;
  /** "364/BC-UBND", or null while the document has no number yet. */
  documentNumber: string | null;
  /** Issuing body's locality: "thành phố Bắc Kạn". */
  locality: string;
  /** Official total score, or null if not entered. */
  total: number | null;
  /** Official group scores (null where not entered), for the overview's trend without reading every report. */
  groupScores?: Record<GroupCode, number | null>;
  /** Errors and warnings of the consistency checks, or null when the checks are not available. */
  findings: { errors: number; warnings: number } | null;
  isSample: boolean;
  revision: number;
  /** ISO date-time of the last save. */
  savedAt: string;
}

/** A report opened for editing: the renderer keeps `revision` and sends it back with every save. */
export interface OpenedReport {
  id: string;
  revision: number;
  savedAt: string;
  report: Report;
}

export type VersionReason = 'save' | 'before-import' | 'before-restore' | 'recovered';

/** One stored earlier version of a report (newest first in lists). */
export interface VersionInfo {
  versionId: string;
  reportId: string;
  /** ISO date-time the version was taken. */
  takenAt: string;
  reason: VersionReason;
  /** Revision the version held (a snapshot before an import holds the same revision as the save before it). */
  revision: number;
  /** The version's number in the order taken, 1 = the oldest kept; every version has its own. */
  number?: number;
  periodLabel: string;
  total: number | null;
}

/** One report in the recycle bin. */
export interface RecycleEntry {
  recycleId: string;
  reportId: string;
  deletedAt: string;
  periodLabel: string;
  documentNumber: string | null;
  total: number | null;
}

export interface SaveResult {
  revision: number;
  savedAt: string;
}

export interface BackupResult {
  /** The folder created for this backup (inside the chosen folder). */
  folder: string;
  reports: number;
  versions: number;
}

export interface RestoreBackupResult {
  /** Reports taken from the backup (new or newer than the library's). */
  restored: number;
  /** Reports left as they are because the library's copy is the same or newer. */
  unchanged: number;
  /** Files in the backup that could not be read (each named in a notice). */
  skipped: number;
}

/** A message for the clerk that does not belong to one call (e.g. a corrupt file was replaced by a good version). */
export interface Notice {
  level: 'info' | 'warning' | 'error';
  code: string;
  /** One Vietnamese sentence: what happened and what to do. */
  message: string;
  reportId?: string;
}
