// The progress labels of the file-reading tasks that are built on both sides of the thread boundary.

/** The label of a dossier list's progress bar: the rows read so far. */
export function dossierRowsLabel(rows: number): string {
  return `Đang đọc danh sách hồ sơ: ${rows.toLocaleString('vi-VN')} dòng…`;
}
