// Remembered dossier-list column mappings in the settings: the one saved for a kind of list, and remembering a new one.
import { z } from 'zod';
import { nfcDeep } from '../text/normalize';
import { DossierMappingSchema, type DossierMapping } from './fields';

/**
 * A remembered import mapping: for a source recognised by its signature (the importer's canonical header text, or
 * the file name pattern), how its columns map to the dossier fields (the same shape as `--mapping FILE` of the CLI).
 */
export const ImportMappingSchema = z.object({
  /** Canonical header signature of the sheet (the importer decides the format). */
  signature: z.string().min(1).max(2000),
  mapping: DossierMappingSchema,
  /** Last time it was used, ISO date-time. */
  usedAt: z.string().max(40),
});

export type ImportMapping = z.infer<typeof ImportMappingSchema>;

/** How many remembered mappings the settings keep (the schema's limit). */
export const MAX_IMPORT_MAPPINGS = 50;

/** The mapping remembered for this signature, or null. */
export function findRememberedMapping(list: readonly ImportMapping[], signature: string): DossierMapping | null {
  return list.find((m) => m.signature === signature)?.mapping ?? null;
}

/**
 * The list with `mapping` remembered for `signature`: put first (newest first), any older entry for the same
 * signature dropped, at most MAX_IMPORT_MAPPINGS kept (the oldest go). The given list is not changed.
 */
export function rememberMapping(
  list: readonly ImportMapping[],
  signature: string,
  mapping: DossierMapping,
  now: Date = new Date(),
): ImportMapping[] {
  const entry: ImportMapping = { signature, mapping: nfcDeep(structuredClone(mapping)), usedAt: now.toISOString() };
  return [entry, ...list.filter((m) => m.signature !== signature)].slice(0, MAX_IMPORT_MAPPINGS);
}
