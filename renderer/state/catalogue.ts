// Pure edits of the default unit catalogue (settings): add, rename, reorder, move between blocks, aliases; each returns a new catalogue.
import type { Catalogue } from '../../core/library/settings';
import type { Unit } from '../../core/model/schema';
import { nfc, stripDiacritics } from '../../core/text/normalize';

/** A unit id from its name: "UBND phường Đức Xuân" → "ubnd-phuong-duc-xuan" (unique among `taken`). */
export function unitIdFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    stripDiacritics(nfc(name))
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'don-vi';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export function addUnit(c: Catalogue, name: string, blockId: string): Catalogue {
  const clean = nfc(name).trim().replace(/\s+/g, ' ');
  if (!clean) return c;
  const unit: Unit = { id: unitIdFor(clean, new Set(c.units.map((u) => u.id))), name: clean, aliases: [], blockId };
  // After the block's last unit, so the list stays grouped by block.
  let at = -1;
  c.units.forEach((u, i) => {
    if (u.blockId === blockId) at = i;
  });
  const units = [...c.units];
  units.splice(at < 0 ? units.length : at + 1, 0, unit);
  return { ...c, units };
}

export function updateUnit(c: Catalogue, id: string, patch: Partial<Pick<Unit, 'name' | 'aliases' | 'blockId'>>): Catalogue {
  return { ...c, units: c.units.map((u) => (u.id === id ? { ...u, ...patch } : u)) };
}

/** Moves a unit one place up or down within its block. */
export function moveUnit(c: Catalogue, id: string, delta: -1 | 1): Catalogue {
  const i = c.units.findIndex((u) => u.id === id);
  const unit = c.units[i];
  if (!unit) return c;
  let j = i + delta;
  while (j >= 0 && j < c.units.length && c.units[j]!.blockId !== unit.blockId) j += delta;
  if (j < 0 || j >= c.units.length) return c;
  const units = [...c.units];
  units[i] = units[j]!;
  units[j] = unit;
  return { ...c, units };
}

/** Moves a unit to another block (placed at that block's end). */
export function moveToBlock(c: Catalogue, id: string, blockId: string): Catalogue {
  const unit = c.units.find((u) => u.id === id);
  if (!unit || unit.blockId === blockId) return c;
  const rest = c.units.filter((u) => u.id !== id);
  return addAt({ ...c, units: rest }, { ...unit, blockId });
}

function addAt(c: Catalogue, unit: Unit): Catalogue {
  let at = -1;
  c.units.forEach((u, i) => {
    if (u.blockId === unit.blockId) at = i;
  });
  const units = [...c.units];
  units.splice(at < 0 ? units.length : at + 1, 0, unit);
  return { ...c, units };
}

export function removeUnit(c: Catalogue, id: string): Catalogue {
  return { ...c, units: c.units.filter((u) => u.id !== id) };
}

/** Aliases typed one a line (or separated by ";"), trimmed, without duplicates or the unit's own name. */
export function parseAliases(text: string, name: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\n;]/)) {
    const a = nfc(raw).trim().replace(/\s+/g, ' ');
    if (a && a !== name && !out.includes(a)) out.push(a);
  }
  return out;
}
