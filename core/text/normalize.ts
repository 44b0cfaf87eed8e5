// Unicode NFC normalisation of text and of every string inside plain data, applied at every boundary (file reads, IPC, imports).

/** Returns the NFC (composed) form of a string: "Hoá" typed with combining marks becomes the same code points as "Hoá" typed precomposed. */
export function nfc(s: string): string {
  return s.normalize('NFC');
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
    const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
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
