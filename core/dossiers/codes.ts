// Dossier codes seen in a list, kept as 64-bit fingerprints, so a dossier listed twice (in one file, or in two files read together) is never counted twice.
//
// A year of lists is 2,5 million dossiers: their codes as strings would cost hundreds of megabytes, their
// fingerprints cost 8 bytes each (and 4 for the row, while a file is read). Two different codes share a fingerprint
// with a probability of about n²/2⁶⁵ (one in six million for a year): the check can then only refuse a run that was
// right, never let a wrong figure through, and its message names the rows or files so the clerk can look.

/** A fingerprint of a code as two 32-bit halves (a cyrb53-style pair of multiplicative hashes, mixed at the end). */
function fingerprint(code: string, out: Uint32Array, at: number): void {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < code.length; i++) {
    const ch = code.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // Little-endian halves of one 64-bit key (low word first), so the BigUint64Array view sorts them as numbers.
  out[at] = h2 >>> 0;
  out[at + 1] = h1 >>> 0;
}

/** Sorted fingerprints of one file's codes (what a file's part carries to the merge). */
export type CodeKeys = BigUint64Array;

/** The codes of one file, in the order read, with the row each was on. */
export class CodeLedger {
  private words = new Uint32Array(2048);
  private rows = new Uint32Array(1024);
  private n = 0;

  get size(): number {
    return this.n;
  }

  add(code: string, row: number): void {
    if (this.n === this.rows.length) {
      const words = new Uint32Array(this.words.length * 2);
      words.set(this.words);
      this.words = words;
      const rows = new Uint32Array(this.rows.length * 2);
      rows.set(this.rows);
      this.rows = rows;
    }
    fingerprint(code, this.words, 2 * this.n);
    this.rows[this.n++] = row;
  }

  /** The fingerprints, sorted (a copy: the ledger keeps the order read). */
  sortedKeys(): CodeKeys {
    const keys = new BigUint64Array(this.n);
    keys.set(new BigUint64Array(this.words.buffer, 0, this.n));
    return keys.sort();
  }

  /**
   * Codes listed more than once: how many rows repeat a code listed above them, and the first two rows (in the order
   * read) of one such code. Null when every code is listed once. `sorted` is sortedKeys()'s result.
   */
  repeats(sorted: CodeKeys): { count: number; rows: [number, number] } | null {
    const w = new Uint32Array(sorted.buffer, sorted.byteOffset, sorted.length * 2);
    let count = 0;
    const repeated = new Set<bigint>();
    for (let i = 1; i < sorted.length; i++) {
      if (w[2 * i] === w[2 * i - 2] && w[2 * i + 1] === w[2 * i - 1]) {
        count++;
        if (repeated.size < 64) repeated.add(sorted[i]!);
      }
    }
    if (count === 0) return null;
    // In the order read: the first row whose code is repeated, and the next row with the same code.
    const own = new BigUint64Array(this.words.buffer, 0, this.n);
    for (let i = 0; i < this.n; i++) {
      const key = own[i]!;
      if (!repeated.has(key)) continue;
      for (let j = i + 1; j < this.n; j++) if (own[j] === key) return { count, rows: [this.rows[i]!, this.rows[j]!] };
    }
    // Unreachable: every repeated key is in the ledger twice.
    return { count, rows: [0, 0] };
  }
}

/** How many of `b`'s fingerprints are also in `a` (both sorted). Linear, without a BigInt per comparison. */
export function sharedKeys(a: CodeKeys, b: CodeKeys): number {
  const wa = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
  const wb = new Uint32Array(b.buffer, b.byteOffset, b.length * 2);
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const ha = wa[2 * i + 1]!;
    const hb = wb[2 * j + 1]!;
    if (ha < hb) i++;
    else if (ha > hb) j++;
    else {
      const la = wa[2 * i]!;
      const lb = wb[2 * j]!;
      if (la < lb) i++;
      else if (la > lb) j++;
      else {
        shared++;
        j++;
      }
    }
  }
  return shared;
}
