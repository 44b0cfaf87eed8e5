// The refusals of a dossier run, each one clear Vietnamese message: a period not understood, a cancel, a dossier counted twice, files of other columns.
import { UserFacingError } from '../files/errors';
import { cleanText } from '../xlsx/cells';
import { parseAggregatePeriod, PERIOD_HELP, type AggregatePeriod } from './period';

export function resolvePeriod(p: AggregatePeriod | string): AggregatePeriod {
  if (typeof p !== 'string') return p;
  const parsed = parseAggregatePeriod(p);
  if (!parsed) throw new UserFacingError('PERIOD_INVALID', `Không hiểu kỳ “${cleanText(p)}”. ${PERIOD_HELP}`);
  return parsed;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Đã dừng theo yêu cầu.', 'AbortError');
}

/** The refusal of a list that names a dossier twice (`file`: its name when several are read together). */
export function codesRepeatedError(file: string | undefined, count: number, rows: [number, number]): UserFacingError {
  const what = file === undefined ? 'Danh sách hồ sơ' : `Tệp “${file}”`;
  const times = count === 1 ? 'một hồ sơ được liệt kê hai lần' : `${count.toLocaleString('vi-VN')} dòng lặp lại mã của một hồ sơ đã có ở dòng trên`;
  return new UserFacingError(
    'DOSSIER_CODES_REPEATED',
    `${what} có ${times} (${count === 1 ? '' : 'ví dụ '}dòng ${rows[0].toLocaleString('vi-VN')} và dòng ${rows[1].toLocaleString('vi-VN')} cùng một mã hồ sơ). Mỗi hồ sơ chỉ được tính một lần: hãy xóa các dòng trùng (trong Excel: Dữ liệu → Loại bỏ Trùng lặp, theo cột mã hồ sơ) rồi tính lại.`,
  );
}

/** The refusal of a file whose dossiers are already in a file read before it. */
export function filesOverlapError(name: string, earlierName: string, shared: number): UserFacingError {
  return new UserFacingError(
    'DOSSIER_FILES_OVERLAP',
    `Tệp “${name}” có ${shared.toLocaleString('vi-VN')} hồ sơ trùng mã với tệp “${earlierName}”, nên các hồ sơ này sẽ bị tính hai lần. Hãy bỏ tệp bị chọn trùng, hoặc chọn các tệp không trùng nhau (mỗi tệp một tháng theo ngày tiếp nhận), rồi tính lại.`,
  );
}

/** The refusal of a file whose header gives other fields than the first file's. */
export function filesDifferError(name: string, firstName: string): UserFacingError {
  return new UserFacingError(
    'DOSSIER_FILES_DIFFER',
    `Tệp “${name}” không có cùng các cột với tệp “${firstName}” nên không tính chung được. Hãy kiểm tra lại các tệp đã chọn (cùng một loại danh sách hồ sơ).`,
  );
}
