// Canonical unit names and the one unit-name matcher: exact matching on canonical keys, ranked suggestions for near misses.
//
// Design: two keys per name.
// - canonicalName(): the exact-match key. Tone marks are KEPT but their placement is normalised: every syllable is
//   stripped of its tone and the tone is put back on the vowel chosen by one rule (the "new" placement: hoá, khoẻ,
//   thuý, uỷ). "Xuất Hóa" and "Xuất Hoá" (old vs new placement), NFC vs NFD input and "hòan" typos all give one key,
//   while names that differ only by a tone ("Sông Cầu" / "Sống Câu") stay different, so match() never confuses them.
// - looseName(): the similarity key for suggest(). The canonical key with every diacritic removed and đ → d
//   ("phuong xuat hoa"), so input typed without diacritics ranks its unit first, but only as a suggestion that
//   the clerk confirms.
// - Since 2025 the national portal writes "Sở Công Thương - Tỉnh Phú Thọ": a trailing " - tỉnh X" / " - thành phố X"
//   is not part of the name (withoutProvinceSuffix), on either side.
// - Common abbreviations of department names ("NN&MT", "VHTTDL", "BQL các KCN", "VP UBND") are spelled out by one
//   table (ABBREVIATED), so they match like aliases. Other partial spellings ("Phòng Tài nguyên và MT") are never
//   guessed: units list them as aliases.
// - The level word (tỉnh, thành phố, huyện, thị xã, quận, xã, phường, thị trấn, đặc khu) is part of identity: since
//   the 2025 reorganisation "huyện Lâm Thao" and "xã Lâm Thao" are different bodies, so suggest() never offers a unit
//   of another level (unitLevel).
// - A name typed without any diacritic ("UBND xa Phung Nguyen") matches when exactly one unit folds to it.

import {
  ABBREVIATIONS,
  DASHES,
  INVISIBLE,
  NON_WORD,
  levelOfKey,
  placeTone,
  spellOut,
  stripCommitteePrefix,
  withoutDiacritics,
  withoutEnumerator,
  withoutProvinceSuffix,
} from './name-spellings';
import { stripDiacritics } from './normalize';

export { withoutEnumerator, withoutProvinceSuffix };

export interface NamedUnit {
  id: string;
  name: string;
  aliases: string[];
}

export interface UnitMatch {
  unitId: string;
  via: 'name' | 'alias';
}

export interface UnitSuggestion {
  unitId: string;
  /** The unit's official name. */
  name: string;
  /** Similarity 0..1: 1 = same canonical key, 0.95 = same name without diacritics, lower = near miss. */
  score: number;
}

export interface UnitMatcher {
  /**
   * Exact match of the canonical key against unit names and aliases; for a name written without any diacritic, the
   * one unit whose key folds to it. Null when none, or when two units share the key.
   */
  match(name: string): UnitMatch | null;
  /** Units whose names resemble `name`, best first, at most `max` (default 3), only those scoring ≥ SUGGEST_THRESHOLD. */
  suggest(name: string, max?: number): UnitSuggestion[];
}

export interface DuplicateName {
  /** The canonical key that several units share. */
  key: string;
  entries: { unitId: string; text: string; via: 'name' | 'alias' }[];
}

/** Minimum score for suggest(); below it a name is "unrelated" and gets no suggestion. */
export const SUGGEST_THRESHOLD = 0.6;

/**
 * The exact-match key of a unit name: NFC, lower case, tone placement normalised (see placeTone), "&" read as "và",
 * dashes and punctuation read as spaces, spaces collapsed, the portal's trailing " - Tỉnh X" dropped, a leading
 * "UBND" / "Ủy ban nhân dân" removed, a leading "P." / "X." / "TT." / "TP." / "TX." / "Q." / "H." spelled out, and the
 * department abbreviations of ABBREVIATED spelled out. "Phường", "Xã", "Thị trấn", "Phòng" are kept: they
 * distinguish units. So "UBND phường Xuất Hoá", "P. Xuất Hóa", "Phường  Xuất Hóa" and "UBND PHƯỜNG XUẤT HÓA" all
 * give "phường xuất hoá", "Văn phòng HĐND&UBND" gives "văn phòng hđnd và ubnd", and "Sở NN&MT - Tỉnh Phú Thọ" gives
 * "sở nông nghiệp và môi trường".
 */
export function canonicalName(s: string): string {
  const text = withoutProvinceSuffix(s)
    .normalize('NFC')
    .toLowerCase()
    .replace(INVISIBLE, '')
    .replace(DASHES, ' ')
    .replace(/[&\uff06]/g, ' và ');
  let words = text.split(/\s+/).filter((w) => w !== '');
  words = stripCommitteePrefix(words);
  const first = words[0];
  if (first !== undefined) {
    const m = /^(p|x|tt|tp|tx|q|h)\.(.*)$/u.exec(first) ?? /^(tp)()$/u.exec(first);
    if (m) {
      const full = ABBREVIATIONS[m[1] ?? ''] ?? '';
      words = [full, m[2] ?? '', ...words.slice(1)];
    }
  }
  return spellOut(words.join(' ').replace(NON_WORD, ' ').trim().split(' ').filter((w) => w !== ''))
    .map(placeTone)
    .join(' ');
}

/**
 * The level of local government a name designates ("xã", "phường", "huyện", "thành phố"…), from its first words
 * (after "UBND"; "P." / "TT." / "TP." spelled out; written with or without diacritics), or null for a department,
 * an office or any other body.
 */
export function unitLevel(name: string): string | null {
  return levelOfKey(canonicalName(name));
}

/** The similarity key: canonicalName without any diacritic ("phuong xuat hoa"), used to rank suggestions. */
export function looseName(s: string): string {
  return stripDiacritics(canonicalName(s));
}

// ---------------------------------------------------------------------------------------------------------------
// Similarity

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min((prev[j] ?? 0) + 1, (curr[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length] ?? 0;
}

function stringSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
}

interface Candidate {
  unitId: string;
  /** The level this name or alias designates, else the unit's (from its name), or null. */
  level: string | null;
  canonical: string;
  loose: string;
  tokens: string[];
}

/**
 * Word overlap weighted by rarity (a weighted Dice coefficient): words shared by many units ("phuong", "phong",
 * "xa") weigh little, distinctive words ("xuat", "kien") weigh much. Words match exactly (on loose keys): Vietnamese
 * syllables one letter apart are different words ("thuong" / "phuong"), and whole-name typos are caught by the
 * character similarity instead.
 */
function tokenSimilarity(input: string[], candidate: string[], weight: (t: string) => number): number {
  const remaining = [...candidate];
  let shared = 0;
  for (const t of input) {
    const i = remaining.indexOf(t);
    if (i >= 0) {
      remaining.splice(i, 1);
      shared += weight(t);
    }
  }
  const total = input.reduce((s, t) => s + weight(t), 0) + candidate.reduce((s, t) => s + weight(t), 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

// ---------------------------------------------------------------------------------------------------------------
// Matcher

const CACHE_LIMIT = 50_000;
/**
 * Character similarity counts only from this level (a typo or two in a whole name). Below it, names of the same
 * shape ("phuong xuat hoa" / "phuong duc xuan", 0.6) would look alike, so only the rarity-weighted word overlap counts.
 */
const TYPO_SIMILARITY = 0.8;

function entriesOf(unit: NamedUnit): { text: string; via: 'name' | 'alias' }[] {
  return [{ text: unit.name, via: 'name' as const }, ...unit.aliases.map((text) => ({ text, via: 'alias' as const }))];
}

/**
 * Builds a matcher over the units (names and aliases). match() caches its result per raw input string, so
 * matching a million dossier rows costs one canonicalisation per distinct spelling.
 */
export function createUnitMatcher(units: NamedUnit[]): UnitMatcher {
  const exact = new Map<string, UnitMatch | 'ambiguous'>();
  const candidates: Candidate[] = [];
  const names = new Map<string, string>();
  const unaccented = new Map<string, UnitMatch | 'ambiguous'>();
  for (const unit of units) {
    names.set(unit.id, unit.name);
    const level = unitLevel(unit.name);
    const keysOfUnit = new Map<string, UnitMatch>();
    const looseOfUnit = new Map<string, UnitMatch>();
    for (const entry of entriesOf(unit)) {
      const canonical = canonicalName(entry.text);
      if (canonical === '') continue;
      if (!keysOfUnit.has(canonical)) keysOfUnit.set(canonical, { unitId: unit.id, via: entry.via });
      const loose = stripDiacritics(canonical);
      if (!looseOfUnit.has(loose)) looseOfUnit.set(loose, { unitId: unit.id, via: entry.via });
      candidates.push({ unitId: unit.id, level: levelOfKey(canonical) ?? level, canonical, loose, tokens: loose.split(' ') });
    }
    for (const [key, m] of keysOfUnit) {
      const existing = exact.get(key);
      exact.set(key, existing === undefined ? m : 'ambiguous');
    }
    for (const [key, m] of looseOfUnit) {
      const existing = unaccented.get(key);
      unaccented.set(key, existing === undefined ? m : 'ambiguous');
    }
  }

  // Rarity weights: log-scaled inverse frequency of each token among units (a unit counts once per token).
  const frequency = new Map<string, number>();
  const tokensPerUnit = new Map<string, Set<string>>();
  for (const c of candidates) {
    let set = tokensPerUnit.get(c.unitId);
    if (!set) tokensPerUnit.set(c.unitId, (set = new Set()));
    for (const t of c.tokens) set.add(t);
  }
  for (const set of tokensPerUnit.values()) for (const t of set) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const unitCount = Math.max(tokensPerUnit.size, 1);
  const weight = (t: string): number => Math.log(1 + (unitCount + 1) / ((frequency.get(t) ?? 0) + 1));

  const matchCache = new Map<string, UnitMatch | null>();

  function match(name: string): UnitMatch | null {
    const cached = matchCache.get(name);
    if (cached !== undefined) return cached;
    const canonical = canonicalName(name);
    let found = exact.get(canonical);
    // Written without any diacritic: the one unit whose key folds to it (never one of two "Sơn Vi" / "Sơn Vĩ").
    if (found === undefined && canonical !== '' && withoutDiacritics(withoutProvinceSuffix(name))) found = unaccented.get(stripDiacritics(canonical));
    const result = found === undefined || found === 'ambiguous' ? null : found;
    if (matchCache.size >= CACHE_LIMIT) matchCache.clear();
    matchCache.set(name, result);
    return result;
  }

  function suggest(name: string, max = 3): UnitSuggestion[] {
    const canonical = canonicalName(name);
    if (canonical === '' || max <= 0) return [];
    const loose = stripDiacritics(canonical);
    const tokens = loose.split(' ');
    const level = levelOfKey(canonical);
    const best = new Map<string, number>();
    for (const c of candidates) {
      // Another level is another body ("huyện Lâm Thao" is not "xã Lâm Thao"): never suggested.
      if (level !== null && c.level !== null && level !== c.level) continue;
      let score: number;
      if (c.canonical === canonical) score = 1;
      else if (c.loose === loose) score = 0.95;
      else {
        const chars = stringSimilarity(loose, c.loose);
        const words = tokenSimilarity(tokens, c.tokens, weight);
        score = Math.min(0.94, Math.max(chars >= TYPO_SIMILARITY ? chars : 0, words));
      }
      if (score > (best.get(c.unitId) ?? -1)) best.set(c.unitId, score);
    }
    return [...best.entries()]
      .filter(([, score]) => score >= SUGGEST_THRESHOLD)
      .map(([unitId, score]) => ({ unitId, name: names.get(unitId) ?? '', score: Math.round(score * 1000) / 1000 }))
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'vi'))
      .slice(0, max);
  }

  return { match, suggest };
}

/**
 * Canonical keys claimed by more than one unit (a name or alias of one unit equal to a name or alias of another).
 * Such keys make match() return null, so settings must refuse them. Repeats within one unit are not reported.
 */
export function findDuplicateNames(units: NamedUnit[]): DuplicateName[] {
  const byKey = new Map<string, DuplicateName['entries']>();
  for (const unit of units) {
    for (const entry of entriesOf(unit)) {
      const key = canonicalName(entry.text);
      if (key === '') continue;
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push({ unitId: unit.id, text: entry.text, via: entry.via });
    }
  }
  const duplicates: DuplicateName[] = [];
  for (const [key, entries] of byKey) {
    if (new Set(entries.map((e) => e.unitId)).size > 1) duplicates.push({ key, entries });
  }
  return duplicates;
}
