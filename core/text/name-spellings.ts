// The written forms of a unit name that mean the same unit: tone placement, diacritics, the portal's province suffix,
// a leading enumerator or "UBND", abbreviated levels and department names, and the level a name designates.
// The building blocks of canonicalName() in names.ts (the one matcher); nothing here matches units.
import { stripDiacritics } from './normalize';

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
export function placeTone(word: string): string {
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

// ---------------------------------------------------------------------------------------------------------------
// Canonical keys

export const DASHES = /[\u002d\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/g;
export const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
export const NON_WORD = /[^\p{L}\p{M}\p{N}]+/gu;
/** Abbreviated unit types at the start of a name (only with their dot, since "TT" alone can mean "Trung tâm"). */
export const ABBREVIATIONS: Record<string, string> = {
  p: 'phường',
  x: 'xã',
  tt: 'thị trấn',
  tp: 'thành phố',
  tx: 'thị xã',
  q: 'quận',
  h: 'huyện',
};

/** Levels of local government, longest first; the first words of a canonical key that name one give its level. */
export const LEVELS = ['thành phố', 'thị xã', 'thị trấn', 'đặc khu', 'tỉnh', 'huyện', 'quận', 'xã', 'phường'];

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
export function stripCommitteePrefix(words: string[]): string[] {
  const clean = (w: string | undefined): string => stripDiacritics(w ?? '').replace(NON_WORD, '');
  if (clean(words[0]) === 'ubnd') return words.slice(1);
  if (clean(words[0]) === 'uy' && clean(words[1]) === 'ban' && clean(words[2]) === 'nhan' && clean(words[3]) === 'dan') {
    return words.slice(4);
  }
  return words;
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
  variants.map((v) => ({ from: plainWords(v).map(stripDiacritics), to: plainWords(full) })),
).sort((a, b) => b.from.length - a.from.length);

/** Spells out the abbreviations of ABBREVIATED in a list of lower-case words. */
export function spellOut(words: string[]): string[] {
  const folded = words.map(stripDiacritics);
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
  const tail = stripDiacritics(text.slice(last.index + last[0].length).normalize('NFC')).toLowerCase();
  return /^((tinh|thanh pho)\s+|tp\.?\s*)\p{L}/u.test(tail) && !/\s[\u002d\u2010-\u2015\u2212]/u.test(tail)
    ? text.slice(0, last.index).trimEnd()
    : text;
}

export function levelOfKey(key: string): string | null {
  const words = key.split(' ');
  for (const level of LEVELS) {
    const n = level.split(' ').length;
    const head = words.slice(0, n).join(' ');
    if (words.length <= n) continue; // "Xã" alone, or a level word that is the whole name, names no body
    if (head === level) return level;
    if (stripDiacritics(head) === head && stripDiacritics(level) === head) return level; // written without diacritics
  }
  return null;
}

/** True when a text carries no diacritic at all (nor đ). */
export function withoutDiacritics(s: string): boolean {
  const t = s.normalize('NFC');
  return stripDiacritics(t) === t;
}
