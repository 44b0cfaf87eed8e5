// The bounds of the text readers (HTML, SpreadsheetML 2003, CSV/TSV, pasted text, a drop of files) and their Vietnamese refusals.
//
// The rules, in one place:
// - HTML: elements other than tables are flattened (only their text is kept, at any depth, with no stack);
//   tables nested inside cells more than MAX_TABLE_DEPTH deep are refused (a <table> outside any cell closes
//   the open one, as browsers do, so it never nests).
// - SpreadsheetML 2003 (XML must balance its tags): more than MAX_XML_DEPTH open elements are refused.
// - A cell keeps at most MAX_CELL_CHARS characters (Excel's own limit); the rest of a longer text is dropped
//   (it is never a figure).
// - CSV/TSV and pasted text: a record (a line, or several inside quotes) longer than MAX_LINE_CHARS is refused.
// - A drop (or a choice) of several files: at most MAX_DROP_BYTES in total.
import { UserFacingError } from '../files/errors';

/** Most rows read from one sheet; a per-unit table has a few hundred at most. */
export const MAX_TABLE_ROWS = 20_000;
/** Most columns read from one sheet. */
export const MAX_TABLE_COLUMNS = 200;
/** Most cells kept from one sheet of a text file (CSV, HTML); reading stops at the row where it is reached. */
export const MAX_TABLE_CELLS = 1_000_000;
/** Deepest nesting of HTML tables inside cells (real pages nest a handful of layout tables). */
export const MAX_TABLE_DEPTH = 32;
/** Deepest nesting of XML elements in a SpreadsheetML file (Excel writes about ten). */
export const MAX_XML_DEPTH = 256;
/** Most characters kept in one cell (Excel's limit). */
export const MAX_CELL_CHARS = 32_767;
/** Longest CSV/TSV record, in characters (a per-unit or dossier row is a few hundred). */
export const MAX_LINE_CHARS = 1_000_000;
/** Most bytes read in one drop or choice of several files. */
export const MAX_DROP_BYTES = 100 * 1024 * 1024;

/**
 * A copy of a cell's text that does not hold on to the file's text: V8 keeps a slice of 13 or more characters as a
 * view into its parent string, so a table of slices would keep the whole decoded file alive.
 */
export function detach(s: string): string {
  if (s.length < 13) return s;
  // Node's pooled Buffer when there is one; the renderer (pasting into the grid) has only TextEncoder.
  const NodeBuffer = (globalThis as { Buffer?: { from(s: string, enc: 'utf8'): { toString(enc: 'utf8'): string } } }).Buffer;
  return NodeBuffer ? NodeBuffer.from(s, 'utf8').toString('utf8') : utf8Decoder.decode(utf8Encoder.encode(s));
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

const fmt = (n: number): string => n.toLocaleString('vi-VN');

/** Where text came from, for a message: a file's name, or pasted content. */
function source(fileName: string | undefined): string {
  return fileName ? `Tệp “${fileName}”` : 'Nội dung dán';
}

function fix(fileName: string | undefined): string {
  return fileName
    ? 'Hãy mở tệp bằng Excel, lưu thành “Sổ làm việc Excel (*.xlsx)” rồi nhập lại.'
    : 'Hãy sao chép lại riêng bảng số liệu rồi dán.';
}

/** Refusal for tables or tags nested beyond the limit. */
export function tooDeep(fileName: string | undefined, what: 'tables' | 'tags'): UserFacingError {
  const nested = what === 'tables' ? `bảng lồng trong nhau quá ${fmt(MAX_TABLE_DEPTH)} tầng` : `thẻ XML lồng trong nhau quá ${fmt(MAX_XML_DEPTH)} tầng`;
  return new UserFacingError('FILE_TOO_DEEP', `${source(fileName)} có ${nested}, không phải một bảng số liệu bình thường (có thể bị hỏng). ${fix(fileName)}`);
}

/** Refusal for a CSV/TSV record longer than MAX_LINE_CHARS (line: 1-based line where it starts). */
export function lineTooLong(fileName: string | undefined, line: number): UserFacingError {
  return new UserFacingError(
    'FILE_LINE_TOO_LONG',
    `${source(fileName)} có dòng ${fmt(line)} dài hơn ${fmt(MAX_LINE_CHARS)} ký tự, không phải một bảng số liệu (có thể thiếu dấu ngoặc kép đóng hoặc bị hỏng). ${fix(fileName)}`,
  );
}

/** Refusal for delimited text that ends inside a quoted field: the rest of the file would be one cell, rows lost. */
export function unclosedQuote(fileName: string | undefined, line: number): UserFacingError {
  return new UserFacingError(
    'FILE_UNCLOSED_QUOTE',
    `${source(fileName)} có dấu ngoặc kép mở ở dòng ${fmt(line)} mà không có dấu đóng, nên các dòng sau không đọc được (tệp bị cắt hoặc bị hỏng). ${fix(fileName)}`,
  );
}

/** Refusal for a table with more cells than a reader keeps. */
export function tooManyCells(fileName: string | undefined, max: number): UserFacingError {
  return new UserFacingError(
    'FILE_TOO_MANY_CELLS',
    `${source(fileName)} có một bảng hơn ${fmt(max)} ô, quá lớn để đọc. ${fileName ? 'Hãy mở tệp bằng Excel, chỉ giữ lại bảng cần nhập, lưu thành .xlsx rồi nhập lại.' : 'Hãy sao chép lại riêng bảng số liệu rồi dán.'}`,
  );
}

/** Checks a drop (or choice) of files before any is read: their total size is bounded. */
export function checkDrop(files: readonly { name: string; bytes: number }[]): void {
  const total = files.reduce((s, f) => s + f.bytes, 0);
  if (total <= MAX_DROP_BYTES) return;
  throw new UserFacingError(
    'DROP_TOO_LARGE',
    `${fmt(files.length)} tệp đã chọn nặng tổng cộng ${fmt(Math.ceil(total / 1048576))} MB, quá nhiều để đọc cùng lúc (tối đa ${fmt(MAX_DROP_BYTES / 1048576)} MB mỗi lần). Hãy nhập từng nhóm ít tệp hơn.`,
  );
}
