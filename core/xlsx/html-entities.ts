// HTML character references (&amp;, &#7847;, &ecirc;…) in table text → characters, as a browser reads them.

const NAMED: Record<string, string> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", shy: '\u00ad', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', bull: '•',
  middot: '·', deg: '°', plusmn: '±', times: '×', divide: '÷', permil: '‰', percnt: '%', sol: '/', num: '#', comma: ',',
  period: '.', colon: ':', semi: ';', lpar: '(', rpar: ')', copy: '©', reg: '®', sect: '§', para: '¶', euro: '€', le: '≤', ge: '≥',
  frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', ordm: 'º', ordf: 'ª', zwj: '\u200d', zwnj: '\u200c',
};
// Latin letters with marks that Vietnamese web pages write as named references (&ecirc;, &Ocirc;, &agrave;…).
for (const [base, marks] of Object.entries({ a: 'grave acute circ tilde uml ring', e: 'grave acute circ uml', i: 'grave acute circ uml', o: 'grave acute circ tilde uml', u: 'grave acute circ uml', y: 'acute uml' })) {
  const combining: Record<string, string> = { grave: '\u0300', acute: '\u0301', circ: '\u0302', tilde: '\u0303', uml: '\u0308', ring: '\u030a' };
  for (const m of marks.split(' ')) {
    NAMED[base + m] = (base + combining[m]).normalize('NFC');
    NAMED[base.toUpperCase() + m] = (base.toUpperCase() + combining[m]).normalize('NFC');
  }
}
NAMED.Dstrok = 'Đ';
NAMED.dstrok = 'đ';
NAMED.ETH = 'Đ';
NAMED.ccedil = 'ç';

// HTML maps references to C1 controls to the windows-1252 characters Word and old pages meant.
const C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function codePoint(cp: number): string {
  if (!Number.isFinite(cp) || cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  if (cp >= 0x80 && cp <= 0x9f) return C1[cp - 0x80]!;
  return String.fromCodePoint(cp);
}

const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g;

/** Decodes character references (numeric ones all; named ones that tables use; unknown names stay as written). */
export function decodeReferences(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (hex !== undefined) return codePoint(Number.parseInt(hex, 16));
    if (dec !== undefined) return codePoint(Number.parseInt(dec, 10));
    return Object.hasOwn(NAMED, name!) ? NAMED[name!]! : whole;
  });
}
