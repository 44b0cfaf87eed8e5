// The clerk's choice of column per dossier field turned into a mapping (pure, also used by the renderer).
import { fold } from '../xlsx/cells';
import { DOSSIER_FIELDS, type DossierField, type DossierMapping } from './fields';

/**
 * A mapping naming every field from the clerk's choice of column per field (0-based index among `headers`, or
 * null for none): by header text when that text is unique and not blank, else by column number.
 */
export function mappingFromChoices(headers: readonly string[], choices: Partial<Record<DossierField, number | null>>): DossierMapping {
  const columns: NonNullable<DossierMapping['columns']> = {};
  for (const f of DOSSIER_FIELDS) {
    const i = choices[f];
    if (i === undefined) continue;
    if (i === null) {
      columns[f] = null;
      continue;
    }
    const text = (headers[i] ?? '').trim();
    const unique = text !== '' && text.length <= 500 && headers.filter((h) => fold(h) === fold(text)).length === 1;
    columns[f] = unique ? text : i + 1;
  }
  return { columns };
}
