// What the three streaming readers (stream-xlsx.ts, stream-csv.ts, stream-html.ts) share: the row and option
// types, file-open messages, cancellation and the progress interval. The dispatch by file kind is core/xlsx/stream.ts.
import { UserFacingError } from '../files/errors';
import type { RawFormats, RawRow } from './cells';

export interface StreamProgress {
  /** Rows emitted so far. */
  rows: number;
  /** Bytes of the sheet's text read so far (uncompressed XML, or the CSV file). */
  bytes: number;
  /** Total bytes of the sheet's text (0 when unknown). */
  totalBytes: number;
}

export interface StreamOptions {
  /** Worksheet to read: its name or its 1-based position; default the first sheet. */
  sheet?: string | number;
  signal?: AbortSignal;
  onProgress?: (p: StreamProgress) => void;
  /** Also return each cell's number format (RawFormats) for non-General cells. */
  withFormats?: boolean;
}

export interface StreamRow {
  /** 1-based row number in the sheet (as Excel shows it). */
  row: number;
  values: RawRow;
  /** Number formats, parallel to values, when `withFormats` was asked for. */
  formats?: RawFormats;
}

/** The kinds of files the reader reads. */
export type SourceKind = 'xlsx' | 'csv' | 'html';

export const PROGRESS_INTERVAL_MS = 100;

export function unreadable(path: string, why: string, cause?: unknown): UserFacingError {
  return new UserFacingError(
    'XLSX_UNREADABLE',
    `Không đọc được tệp “${baseName(path)}”: ${why}. Hãy mở tệp trong Excel, lưu lại dưới dạng .xlsx rồi thử lại.`,
    cause === undefined ? undefined : { cause },
  );
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Đã dừng theo yêu cầu.', 'AbortError');
}

export function fileOpenError(path: string, err: unknown): UserFacingError {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new UserFacingError('FILE_NOT_FOUND', `Không tìm thấy tệp “${baseName(path)}”. Hãy kiểm tra lại đường dẫn.`);
  if (code === 'EISDIR') return new UserFacingError('FILE_NOT_FOUND', `“${baseName(path)}” là một thư mục, không phải tệp danh sách hồ sơ.`);
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
    return new UserFacingError('FILE_LOCKED', `Không mở được tệp “${baseName(path)}” vì tệp đang được chương trình khác dùng. Hãy đóng tệp rồi thử lại.`);
  }
  return new UserFacingError('FILE_UNREADABLE', `Không mở được tệp “${baseName(path)}” (${code ?? 'lỗi không rõ'}).`);
}
