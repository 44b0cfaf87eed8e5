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

// ---------------------------------------------------------------------------------------------------------------
// Tone marks

const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']); // huyền, sắc, ngã, hỏi, nặng
const VOWELS = new Set(['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']);
const MARKED_VOWELS = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);
/** Open two-vowel clusters whose tone sits on the second vowel in the new placement (hoá, khoẻ, thuý). */
const SECOND_VOWEL_PAIRS = new Set(['oa', 'oe', 'uy']);

/**
 * Re-places the tone of one lower-case NFC word on the vowel chosen by the new-placement rule:
 * 1. the last vowel with a quality mark (ă â ê ô ơ ư): "người" → ơ, "thuế" → ê;
 * 2. otherwise, when a consonant follows the vowels, the last vowel: "hoàng", "huỳnh";
 * 3. otherwise one vowel → it; three → the middle one ("ngoài"); two → the second for oa/oe/uy ("hoá", "thuý"),
 *    else the first ("mái", "múa").
 * "qu" and "gi" before a vowel count as consonants ("quý", "già"). Words without a tone are returned unchanged.
 */
function placeTone(word: string): string {
  const decomposed = word.normalize('NFD');
  let tone = '';
  let bare = '';
  for (const ch of decomposed) {
    if (TONE_MARKS.has(ch)) tone = ch;
    else bare += ch;
  }
  if (!tone) return word;
  const letters = Array.from(bare.normalize('NFC'));
  let start = 0;
  while (start < letters.length && !VOWELS.has(letters[start] ?? '')) start++;
  if (start >= letters.length) return word; // a tone on no vowel: leave as typed
  const next = letters[start + 1] ?? '';
  if (
    ((letters[start] === 'u' && start > 0 && letters[start - 1] === 'q') ||
      (letters[start] === 'i' && start > 0 && letters[start - 1] === 'g' && start === 1)) &&
    VOWELS.has(next)
  ) {
    start++;
  }
  let end = start;
  while (end < letters.length && VOWELS.has(letters[end] ?? '')) end++;
  const cluster = letters.slice(start, end);
  let at = -1;
  for (let i = cluster.length - 1; i >= 0; i--) {
    if (MARKED_VOWELS.has(cluster[i] ?? '')) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    if (end < letters.length) at = cluster.length - 1;
    else if (cluster.length === 1) at = 0;
    else if (cluster.length === 2) at = SECOND_VOWEL_PAIRS.has(cluster.join('')) ? 1 : 0;
    else at = 1;
  }
  const index = start + at;
  letters[index] = `${letters[index] ?? ''}${tone}`.normalize('NFC');
  return letters.join('');
}

/** Removes every diacritic (tones and vowel marks) and maps đ → d: "phường xuất hoá" → "phuong xuat hoa". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

// ---------------------------------------------------------------------------------------------------------------
// Canonical keys

const DASHES = /[\u002d\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/g;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const NON_WORD = /[^\p{L}\p{M}\p{N}]+/gu;
/** Abbreviated unit types at the start of a name (only with their dot, since "TT" alone can mean "Trung tâm"). */
const ABBREVIATIONS: Record<string, string> = {
  p: 'phường',
  x: 'xã',
  tt: 'thị trấn',
  tp: 'thành phố',
  tx: 'thị xã',
  q: 'quận',
  h: 'huyện',
};

/** Levels of local government, longest first; the first words of a canonical key that name one give its level. */
const LEVELS = ['thành phố', 'thị xã', 'thị trấn', 'đặc khu', 'tỉnh', 'huyện', 'quận', 'xã', 'phường'];

/**
 * Department-name abbreviations the sources write, spelled out (matched on folded words, after "&" → "và" and
 * punctuation → spaces, so "VH,TT&DL", "VH-TT-DL" and "vh tt va dl" are one spelling). Keep each entry unambiguous:
 * an abbreviation that could mean two things ("TT": thị trấn or trung tâm) does not belong here.
 */
const ABBREVIATED: [string[], string][] = [
  [['NN&MT', 'NNMT', 'NN-MT'], 'nông nghiệp và môi trường'],
  [['NN&PTNT', 'NNPTNT'], 'nông nghiệp và phát triển nông thôn'],
  [['VH,TT&DL', 'VHTTDL', 'VH-TT-DL', 'VHTT&DL', 'VH,TT,DL'], 'văn hoá thể thao và du lịch'],
  [['KH&CN', 'KHCN', 'KH-CN'], 'khoa học và công nghệ'],
  [['KH&ĐT', 'KHĐT', 'KH-ĐT'], 'kế hoạch và đầu tư'],
  [['GD&ĐT', 'GDĐT', 'GD-ĐT'], 'giáo dục và đào tạo'],
  [['LĐ-TB&XH', 'LĐTBXH', 'LĐ-TBXH', 'LĐ,TB&XH'], 'lao động thương binh và xã hội'],
  [['TN&MT', 'TNMT', 'TN-MT'], 'tài nguyên và môi trường'],
  [['TT&TT', 'TTTT'], 'thông tin và truyền thông'],
  [['DT&TG', 'DTTG'], 'dân tộc và tôn giáo'],
  [['TC-KH', 'TCKH'], 'tài chính kế hoạch'],
  [['GTVT', 'GT-VT'], 'giao thông vận tải'],
  [['QLĐT'], 'quản lý đô thị'],
  [['PVHCC'], 'phục vụ hành chính công'],
  [['TTPVHCC'], 'trung tâm phục vụ hành chính công'],
  [['BQL'], 'ban quản lý'],
  [['BCH'], 'bộ chỉ huy'],
  [['KCN'], 'khu công nghiệp'],
  [['KKT'], 'khu kinh tế'],
  [['VP'], 'văn phòng'],
  [['XD'], 'xây dựng'],
  [['YT'], 'y tế'],
  [['Ủy ban nhân dân', 'UBND'], 'ubnd'],
  [['Hội đồng nhân dân', 'HĐND'], 'hđnd'],
];

/** Strips a leading "UBND" / "Ủy ban nhân dân" (any tone placement or none) from whitespace-split lower-case words. */
function stripCommitteePrefix(words: string[]): string[] {
  const clean = (w: string | undefined): string => fold(w ?? '').replace(NON_WORD, '');
  if (clean(words[0]) === 'ubnd') return words.slice(1);
  if (clean(words[0]) === 'uy' && clean(words[1]) === 'ban' && clean(words[2]) === 'nhan' && clean(words[3]) === 'dan') {
    return words.slice(4);
  }
  return words;
}

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

/** Lower-case words of a text as canonicalName splits them, before abbreviations are spelled out. */
function plainWords(s: string): string[] {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(DASHES, ' ')
    .replace(/[&\uff06]/g, ' và ')
    .replace(NON_WORD, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

/** ABBREVIATED as folded word sequences, longest first. */
const ABBREVIATION_SEQUENCES: { from: string[]; to: string[] }[] = ABBREVIATED.flatMap(([variants, full]) =>
  variants.map((v) => ({ from: plainWords(v).map(fold), to: plainWords(full) })),
).sort((a, b) => b.from.length - a.from.length);

/** Spells out the abbreviations of ABBREVIATED in a list of lower-case words. */
function spellOut(words: string[]): string[] {
  const folded = words.map(fold);
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const hit = ABBREVIATION_SEQUENCES.find((a) => a.from.every((w, k) => folded[i + k] === w));
    if (hit) {
      out.push(...hit.to);
      i += hit.from.length;
    } else {
      out.push(words[i] ?? '');
      i++;
    }
  }
  return out;
}

/** A name without a leading enumerator typed into the name cell: "1. Phòng Tư pháp", "2) UBND xã…", "- Thanh tra". */
export function withoutEnumerator(name: string): string {
  return name.replace(/^\s*(\d{1,3}\s*[.)]|[-–+•*])\s+/u, '');
}

const SUFFIX_DASH = /\s+[\u002d\u2010-\u2015\u2212]\s*|\s*[\u002d\u2010-\u2015\u2212]\s+/gu;

/**
 * A name without the trailing " - Tỉnh Phú Thọ" / " - thành phố Hà Nội" / " - TP. Hà Nội" the national portal adds
 * ("Sở Công Thương - Tỉnh Phú Thọ" → "Sở Công Thương"); other names are returned unchanged (trimmed).
 */
export function withoutProvinceSuffix(name: string): string {
  const text = name.trim();
  let last: RegExpExecArray | null = null;
  for (const m of text.matchAll(SUFFIX_DASH)) last = m;
  if (!last || last.index === 0) return text;
  const tail = fold(text.slice(last.index + last[0].length).normalize('NFC')).toLowerCase();
  return /^((tinh|thanh pho)\s+|tp\.?\s*)\p{L}/u.test(tail) && !/\s[\u002d\u2010-\u2015\u2212]/u.test(tail)
    ? text.slice(0, last.index).trimEnd()
    : text;
}

/**
 * The level of local government a name designates ("xã", "phường", "huyện", "thành phố"…), from its first words
 * (after "UBND"; "P." / "TT." / "TP." spelled out; written with or without diacritics), or null for a department,
 * an office or any other body.
 */
export function unitLevel(name: string): string | null {
  return levelOfKey(canonicalName(name));
}

function levelOfKey(key: string): string | null {
  const words = key.split(' ');
  for (const level of LEVELS) {
    const n = level.split(' ').length;
    const head = words.slice(0, n).join(' ');
    if (words.length <= n) continue; // "Xã" alone, or a level word that is the whole name, names no body
    if (head === level) return level;
    if (fold(head) === head && fold(level) === head) return level; // written without diacritics
  }
  return null;
}

/** True when a text carries no diacritic at all (nor đ). */
function withoutDiacritics(s: string): boolean {
  const t = s.normalize('NFC');
  return fold(t) === t;
}

/** The similarity key: canonicalName without any diacritic ("phuong xuat hoa"), used to rank suggestions. */
export function looseName(s: string): string {
  return fold(canonicalName(s));
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
      const loose = fold(canonical);
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
    if (found === undefined && canonical !== '' && withoutDiacritics(withoutProvinceSuffix(name))) found = unaccented.get(fold(canonical));
    const result = found === undefined || found === 'ambiguous' ? null : found;
    if (matchCache.size >= CACHE_LIMIT) matchCache.clear();
    matchCache.set(name, result);
    return result;
  }

  function suggest(name: string, max = 3): UnitSuggestion[] {
    const canonical = canonicalName(name);
    if (canonical === '' || max <= 0) return [];
    const loose = fold(canonical);
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
