// THE header finder: locates a table's header row (one or two levels, any column, below title rows) in plain rows of raw values.
//
// Works on RawRow arrays only, so the in-memory reader (exceljs), the streaming dossier-list reader, CSV, HTML and
// pasted text all share it. Header text is compared "folded": lower case, no diacritics, đ → d, punctuation as
// spaces ("Tên cơ quan, đơn vị" → "ten co quan don vi").
import { fold, isBlankRaw, rawText, type RawRow } from './cells';

/** One column the caller looks for. */
export interface HeaderSpec {
  key: string;
  /** Phrases that name the column (any spelling; they are folded before comparing). */
  synonyms: string[];
  /** Phrases that must NOT occur in the header text ("số" for a rate column that must not be a count). */
  exclude?: string[];
  /** A header without this column is not the header. */
  required?: boolean;
}

export interface HeaderMatch {
  /** Index (in the rows given) of the first header row. */
  rowIndex: number;
  /** 1 or 2 header rows (a two-level merged header). Data start at rowIndex + depth. */
  depth: 1 | 2;
  /** Column index of each spec found. */
  columns: Record<string, number>;
  /** Combined header text of every column, as shown (upper + lower level, joined by " / "). */
  labels: string[];
  /** Folded header text of every column. */
  folded: string[];
  /** Number of specs matched. */
  matched: number;
  /** Sum of match strengths (3 equal, 2 starts with, 1 contains), to rank headers that match as many specs. */
  strength: number;
}

export interface FindHeaderOptions {
  /** How many rows from the top to search (default 30). */
  maxRows?: number;
  /** Fewest specs that must match (default 2). */
  minMatches?: number;
}

/** A merged range in 0-based row/column indices, inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Copies the top-left value of every merged range into all its cells (in place), so a status spanning a block or a
 * header spanning two columns is seen in each cell. Readers that know their merges (XML, HTML) call this.
 */
export function applyMerges(rows: RawRow[], merges: readonly MergeRange[]): RawRow[] {
  for (const m of merges) {
    const value = rows[m.top]?.[m.left] ?? null;
    for (let r = m.top; r <= m.bottom && r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        while (row.length <= c) row.push(null);
        row[c] = value;
      }
    }
  }
  return rows;
}

function containsPhrase(haystack: string, phrase: string): boolean {
  if (phrase === '') return false;
  return ` ${haystack} `.includes(` ${phrase} `);
}

/** How well a folded header names a spec: 3 equal, 2 starts with, 1 contains, 0 not at all. */
export function specScore(folded: string, spec: HeaderSpec): number {
  if (folded === '') return 0;
  const bare = folded.replace(/[()%]/g, ' ').replace(/\s+/g, ' ').trim();
  if (spec.exclude?.some((e) => containsPhrase(bare, fold(e)))) return 0;
  let best = 0;
  for (const syn of spec.synonyms) {
    const s = fold(syn).replace(/[()%]/g, ' ').replace(/\s+/g, ' ').trim();
    if (s === '') continue;
    let score = 0;
    if (bare === s) score = 3;
    else if (bare.startsWith(s + ' ')) score = 2;
    else if (containsPhrase(bare, s)) score = 1;
    if (score > best) best = score;
  }
  return best;
}

/** The header texts of one or two rows; a lower-level cell inherits the nearest upper text to its left when blank above. */
export function headerTexts(upper: RawRow, lower: RawRow | null): string[] {
  const width = Math.max(upper.length, lower?.length ?? 0);
  const out: string[] = [];
  let carried = '';
  for (let c = 0; c < width; c++) {
    const top = rawText(upper[c]);
    const bottom = lower ? rawText(lower[c]) : '';
    if (top !== '') carried = top;
    if (!lower) out.push(top);
    else if (bottom === '') out.push(top);
    else if (top === '' && carried !== '' && !isBlankRaw(lower[c])) out.push(`${carried} / ${bottom}`);
    else if (top === '' || top === bottom) out.push(bottom);
    else out.push(`${top} / ${bottom}`);
  }
  return out;
}

/**
 * Assigns specs to columns: best scores first, one column per spec, one spec per column. `lowerFolded` (two-level
 * headers) holds the lower-level text alone, which is scored too: "Tổng điểm" under "Tổng hợp xếp loại".
 */
export function assignColumns(
  folded: readonly string[],
  specs: readonly HeaderSpec[],
  lowerFolded?: readonly string[],
): { columns: Record<string, number>; strength: number } {
  const candidates: { key: string; col: number; score: number; order: number }[] = [];
  specs.forEach((spec, order) => {
    folded.forEach((f, col) => {
      const lower = lowerFolded?.[col];
      const score = Math.max(specScore(f, spec), lower ? specScore(lower, spec) : 0);
      if (score > 0) candidates.push({ key: spec.key, col, score, order });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.order - b.order || a.col - b.col);
  const columns: Record<string, number> = {};
  const usedCols = new Set<number>();
  let strength = 0;
  for (const c of candidates) {
    if (c.key in columns || usedCols.has(c.col)) continue;
    columns[c.key] = c.col;
    usedCols.add(c.col);
    strength += c.score;
  }
  return { columns, strength };
}

function distinctTexts(row: RawRow): number {
  const seen = new Set<string>();
  for (const v of row) if (!isBlankRaw(v)) seen.add(rawText(v));
  return seen.size;
}

function countFilled(row: RawRow | undefined): number {
  if (!row) return 0;
  let n = 0;
  for (const v of row) if (!isBlankRaw(v)) n++;
  return n;
}

/**
 * Finds the header in the first `maxRows` rows: the row (or pair of rows, for two-level merged headers) whose texts
 * match the most specs, all required ones included, then the strongest matches (by more than one point: a data row
 * under a one-row header must not pass for a second header level). Ties go to the earlier, single-level header. Null when none
 * matches at least `minMatches` specs.
 */
export function findHeader(rows: readonly RawRow[], specs: readonly HeaderSpec[], opts: FindHeaderOptions = {}): HeaderMatch | null {
  const maxRows = Math.min(opts.maxRows ?? 30, rows.length);
  const minMatches = opts.minMatches ?? 2;
  let best: HeaderMatch | null = null;
  for (let r = 0; r < maxRows; r++) {
    const upper = rows[r];
    // A title merged across the columns repeats one text in every cell: not a header.
    if (!upper || distinctTexts(upper) < Math.min(2, minMatches)) continue;
    const variants: { depth: 1 | 2; labels: string[]; lower?: string[] }[] = [{ depth: 1, labels: headerTexts(upper, null) }];
    const lower = rows[r + 1];
    if (lower && countFilled(lower) > 0) {
      const labels = headerTexts(upper, lower);
      variants.push({ depth: 2, labels, lower: labels.map((_, c) => fold(rawText(lower[c]))) });
    }
    for (const v of variants) {
      const folded = v.labels.map((l) => fold(l));
      const { columns, strength } = assignColumns(folded, specs, v.lower);
      if (specs.some((s) => s.required && !(s.key in columns))) continue;
      const matched = Object.keys(columns).length;
      if (matched < minMatches) continue;
      if (!best || matched > best.matched || (matched === best.matched && strength > best.strength + 1)) {
        best = { rowIndex: r, depth: v.depth, columns, labels: v.labels, folded, matched, strength };
      }
    }
  }
  return best;
}
