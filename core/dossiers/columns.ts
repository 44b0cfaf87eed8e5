// The column-mapping screen of a dossier list: which header column holds each field (automatic, remembered or the clerk's), and the mapping to remember after a run.
import { UserFacingError } from '../files/errors';
import { findRememberedMapping, rememberMapping } from './mappings';
import type { ImportMapping } from './mappings';
import { previewDossierList } from './aggregate';
import { DOSSIER_FIELDS, FIELD_LABELS, REQUIRED_FIELDS, type DossierField, type DossierMapping } from './fields';

export interface DossierColumnField {
  field: DossierField;
  /** The field's name for the clerk ("Cơ quan tiếp nhận"). */
  label: string;
  /** The header text of its column, or null when no column holds it. */
  column: string | null;
  /** 0-based index of its column among `headers`, or null. */
  index: number | null;
  required: boolean;
}

export interface DossierColumns {
  fields: DossierColumnField[];
  /** Every header text of the header row, in column order ('' for a blank header cell). */
  headers: string[];
  /** The header row number (as Excel numbers rows). */
  headerRow: number;
  /** The settings key of this kind of list (dossierSignature). */
  signature: string;
  /** True when a mapping remembered in the settings for this kind of list was applied. */
  remembered: boolean;
}

/**
 * Reads the first rows of a dossier list and says which column holds each field. With `mapping`, the mapping's
 * choices win; without it, a mapping remembered for the list's signature is applied when there is one.
 * Throws a UserFacingError when no header row is recognised.
 */
export async function dossierColumns(
  path: string,
  opts: { mapping?: DossierMapping; remembered?: readonly ImportMapping[]; signal?: AbortSignal } = {},
): Promise<DossierColumns> {
  let preview = await previewDossierList(path, { ...(opts.mapping ? { mapping: opts.mapping } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
  let remembered = false;
  if (!opts.mapping && preview.header) {
    const saved = findRememberedMapping(opts.remembered ?? [], preview.header.signature);
    if (saved) {
      try {
        const again = await previewDossierList(path, { mapping: saved, ...(opts.signal ? { signal: opts.signal } : {}) });
        if (again.header) {
          preview = again;
          remembered = true;
        }
      } catch (err) {
        // A remembered mapping that no longer fits the file is ignored: the automatic columns are shown.
        if (!(err instanceof UserFacingError)) throw err;
      }
    }
  }
  const header = preview.header;
  if (!header) {
    throw new UserFacingError(
      'DOSSIER_HEADER_NOT_FOUND',
      `Không tìm thấy dòng tiêu đề của danh sách hồ sơ (cần các cột như “${FIELD_LABELS.unit}”, “${FIELD_LABELS.received}”, “${FIELD_LABELS.due}”). Hãy kiểm tra lại tệp đã chọn.`,
    );
  }
  const fields = DOSSIER_FIELDS.map((field): DossierColumnField => {
    const index = header.columns[field];
    return {
      field,
      label: FIELD_LABELS[field],
      column: index === undefined ? null : (header.labels[index] ?? ''),
      index: index ?? null,
      required: REQUIRED_FIELDS.includes(field),
    };
  });
  return { fields, headers: header.labels, headerRow: header.row, signature: header.signature, remembered };
}

/**
 * The settings' remembered mappings after a run of `path` with `mapping`: the mapping saved under the list's
 * signature, newest first. Unchanged when the list's header cannot be recognised (or the list read again).
 */
export async function rememberDossierMapping(
  path: string,
  mapping: DossierMapping,
  list: readonly ImportMapping[],
  now: Date = new Date(),
): Promise<ImportMapping[]> {
  // The signature is taken as the lookup takes it (without a mapping), so that the next list of this kind finds it.
  // Remembering never makes a finished run fail: a list that cannot be read again keeps the settings as they were.
  let preview;
  try {
    preview = await previewDossierList(path);
    if (!preview.header) preview = await previewDossierList(path, { mapping });
  } catch (err) {
    if (err instanceof UserFacingError) return [...list];
    throw err;
  }
  if (!preview.header) return [...list];
  return rememberMapping(list, preview.header.signature, mapping, now);
}
