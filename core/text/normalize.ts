// Unicode NFC normalisation of text and of every string inside plain data, applied at every boundary (file reads, IPC, imports).

/** Returns the NFC (composed) form of a string: "Hoá" typed with combining marks becomes the same code points as "Hoá" typed precomposed. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

/**
 * THE diacritic fold: every tone and vowel mark removed, đ → d and Đ → D, case kept: "Phường Đức Xuân" → "Phuong Duc
 * Xuan". Matching (core/text/cell-reading.ts fold, the name spellings), unit ids, file names and text widths use it.
 */
export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** True for objects created by `{}`, `Object.create(null)` or JSON.parse; false for Dates, Maps, Buffers, class instances. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * NFC-normalises every string inside plain objects and arrays, keys included, recursively.
 * Returns the same reference when nothing had to change (cheap on already-clean data); never mutates its input.
 * Other values (numbers, Dates, typed arrays, class instances) are passed through untouched.
 * Shared and cyclic references are preserved in the copy.
 */
export function nfcDeep<T>(value: T): T {
  return deep(value, new Map<object, unknown>()) as T;
}

function deep(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) {
    const known = seen.get(value);
    if (known !== undefined) return known;
    const out: unknown[] = new Array<unknown>(value.length);
    seen.set(value, out);
    let changed = false;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const next = deep(item, seen);
      out[i] = next;
      if (next !== item) changed = true;
    }
    if (!changed) {
      seen.set(value, value);
      return value;
    }
    return out;
  }
  if (isPlainObject(value)) {
    const known = seen.get(value);
    if (known !== undefined) return known;
    // An own "__proto__" key (JSON.parse and structured clone make one) must stay a key: assigned to `{}` it
    // would set the copy's prototype, so such a copy is built without a prototype.
    const bare = Object.getPrototypeOf(value) === null || Object.prototype.hasOwnProperty.call(value, '__proto__');
    const out: Record<string, unknown> = bare ? (Object.create(null) as Record<string, unknown>) : {};
    seen.set(value, out);
    let changed = false;
    for (const key of Object.keys(value)) {
      const item = value[key];
      const nextKey = key.normalize('NFC');
      const next = deep(item, seen);
      if (nextKey !== key || next !== item) changed = true;
      out[nextKey] = next;
    }
    if (!changed) {
      seen.set(value, value);
      return value;
    }
    return out;
  }
  return value;
}

function containerChildren(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value)) return Object.keys(value).map((k) => value[k]);
  return null;
}

/**
 * True when plain objects and arrays inside `value` nest deeper than `max` levels (a lone object or array is one
 * level), or refer to themselves. Iterative and linear (shared parts are measured once), so it is safe on hostile
 * input; run it before anything recursive (nfcDeep, a schema) sees untrusted data.
 */
export function nestingExceeds(value: unknown, max: number): boolean {
  const rootKids = containerChildren(value);
  if (rootKids === null) return false;
  if (max < 1) return true;
  const heights = new Map<object, number>();
  const onPath = new Set<object>([value as object]);
  const stack: { node: object; kids: unknown[]; i: number; h: number }[] = [{ node: value as object, kids: rootKids, i: 0, h: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.i < top.kids.length) {
      const child = top.kids[top.i++];
      const kids = containerChildren(child);
      if (kids === null) continue;
      const node = child as object;
      const known = heights.get(node);
      if (known !== undefined) {
        if (stack.length + known > max) return true;
        top.h = Math.max(top.h, known);
        continue;
      }
      if (onPath.has(node) || stack.length + 1 > max) return true;
      onPath.add(node);
      stack.push({ node, kids, i: 0, h: 0 });
    } else {
      stack.pop();
      onPath.delete(top.node);
      const height = top.h + 1;
      heights.set(top.node, height);
      const parent = stack[stack.length - 1];
      if (parent) parent.h = Math.max(parent.h, height);
    }
  }
  return false;
}
