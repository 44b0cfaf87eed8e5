// A new issuer's units from a sheet: proposes the unit list with its blocks from any table or plain list of names, and makes it the report's units.
import { UserFacingError } from '../files/errors';
import { TABLE_KIND_INFO } from '../model/catalog';
import { validateReport } from '../model/report';
import type { Block, Report, Table, Unit } from '../model/schema';
import { canonicalName, createUnitMatcher, withoutEnumerator, withoutProvinceSuffix } from '../text/names';
import { cleanText, fold, isBlankRaw, rawText, type RawRow } from '../xlsx/cells';
import { findHeader, specScore, type HeaderSpec } from '../xlsx/header';
import type { SheetData, WorkbookData } from '../xlsx/cells';
import { NAME_SYNONYMS, blockOf, isFooterRow, isTotalName } from './recognise';

export interface ProposedBlock {
  numeral: string;
  name: string;
}

export interface ProposedUnit {
  /** The name without the portal's " - Tỉnh X" suffix. */
  name: string;
  /** The name as the sheet wrote it, when it differs (kept as another name of the unit). */
  written?: string;
  /** Index into `blocks`. */
  block: number;
  /** Where it was read: "tệp › trang › dòng 7". */
  where: string;
}

export interface UnitsProposal {
  file: string;
  sheet: string;
  blocks: ProposedBlock[];
  units: ProposedUnit[];
  skipped: { where: string; text: string; reason: string }[];
  /** How the names were found: under a header row, or as a plain list. */
  from: 'header' | 'list';
}

const ROMANS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
export const DEFAULT_BLOCK_NAME = 'Các cơ quan, đơn vị';

const SPECS: HeaderSpec[] = [
  { key: 'stt', synonyms: ['STT', 'TT', 'Số TT', 'Số thứ tự'] },
  { key: 'name', synonyms: NAME_SYNONYMS, exclude: ['số đơn vị', 'đơn vị triển khai'], required: true },
  { key: 'block', synonyms: ['Khối', 'Cấp', 'Nhóm đơn vị', 'Loại đơn vị', 'Nhóm', 'Khối đơn vị'] },
];

function looksLikeName(v: RawRow[number]): boolean {
  if (typeof v !== 'string') return false;
  const t = cleanText(v);
  return t.length >= 3 && /\p{L}/u.test(t) && !/^\d+([.,]\d+)?%?$/.test(t);
}

/** Proposes units from one sheet, or null when the sheet holds no list of names. */
function proposeFromSheet(file: string, sheet: SheetData): UnitsProposal | null {
  const rows = sheet.rows;
  let header = findHeader(rows, SPECS, { minMatches: 1 });
  // A lone name-like cell is a header only when it is exactly a header phrase ("Tên đơn vị"), not "Cơ quan Thanh tra".
  if (header && header.matched === 1 && specScore(header.folded[header.columns.name!] ?? '', SPECS[1]!) < 3) header = null;
  let nameCol: number;
  let sttCol: number | undefined;
  let blockCol: number | undefined;
  let start: number;
  let from: 'header' | 'list';
  if (header) {
    nameCol = header.columns.name!;
    sttCol = header.columns.stt;
    const blockAt = header.columns.block;
    blockCol = blockAt !== undefined && specScore(header.folded[blockAt] ?? '', SPECS[2]!) >= 3 ? blockAt : undefined;
    start = header.rowIndex + header.depth;
    from = 'header';
  } else {
    // A plain list: the column with the most name-like texts.
    const counts = new Map<number, number>();
    for (const row of rows.slice(0, 2000)) row.forEach((v, c) => looksLikeName(v) && counts.set(c, (counts.get(c) ?? 0) + 1));
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (!best || best[1] < 2) return null;
    nameCol = best[0];
    sttCol = nameCol > 0 ? nameCol - 1 : undefined;
    start = 0;
    from = 'list';
  }
  const blocks: ProposedBlock[] = [];
  const units: ProposedUnit[] = [];
  const skipped: UnitsProposal['skipped'] = [];
  const seen = new Map<string, string>();
  let current = -1;
  let footer = false;
  const blockIndex = (name: string, numeral: string | null): number => {
    const key = fold(name);
    const at = blocks.findIndex((b) => fold(b.name) === key);
    if (at >= 0) return at;
    blocks.push({ numeral: numeral ?? ROMANS[blocks.length] ?? String(blocks.length + 1), name });
    return blocks.length - 1;
  };
  for (let r = start; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.every((v) => isBlankRaw(v))) continue;
    const where = `${file} › ${sheet.name} › dòng ${r + 1}`;
    const name = rawText(row[nameCol]);
    const stt = sttCol !== undefined ? rawText(row[sttCol]) : '';
    // The signature block under a table ("Người lập biểu", the date line, the signers' names) ends the list.
    if (footer || isFooterRow(row, nameCol)) {
      footer = true;
      skipped.push({ where, text: row.map((v) => rawText(v)).filter((t) => t !== '').join(' '), reason: 'dòng chữ ký, ngày tháng cuối bảng' });
      continue;
    }
    const blk = blockOf(stt, name);
    if (blk && blockCol === undefined) {
      current = blockIndex(blk.name, blk.numeral);
      skipped.push({ where, text: [stt, name].filter((x) => x).join(' '), reason: 'dòng khối' });
      continue;
    }
    if (name === '') continue;
    if (!looksLikeName(name)) {
      skipped.push({ where, text: name, reason: 'không phải tên đơn vị' });
      continue;
    }
    if (isTotalName(name)) {
      skipped.push({ where, text: name, reason: 'dòng tổng cộng' });
      continue;
    }
    if (/^[(*]/.test(name) || /^(ghi chu|nguon|luu y)\b/.test(fold(name))) {
      skipped.push({ where, text: name, reason: 'dòng ghi chú' });
      continue;
    }
    if (from === 'header' && header && fold(name) === header.folded[nameCol]) {
      skipped.push({ where, text: name, reason: 'dòng tiêu đề lặp lại' });
      continue;
    }
    const key = canonicalName(withoutEnumerator(name));
    const dup = seen.get(key);
    if (dup) {
      skipped.push({ where, text: name, reason: `trùng với đơn vị ở ${dup}` });
      continue;
    }
    seen.set(key, where);
    let block = current;
    if (blockCol !== undefined) {
      const b = rawText(row[blockCol]);
      if (b) block = blockIndex(b, null);
    }
    if (block < 0) block = blockIndex(DEFAULT_BLOCK_NAME, null);
    const written = withoutEnumerator(cleanText(name));
    const bare = withoutProvinceSuffix(written);
    units.push({ name: bare, ...(bare !== written ? { written } : {}), block, where });
  }
  if (units.length === 0) return null;
  return { file, sheet: sheet.name, blocks, units, skipped, from };
}

/** Proposes the unit list with its blocks from the sheet with the most units (visible sheets of every workbook). */
export function proposeUnits(workbooks: WorkbookData[]): UnitsProposal {
  let best: UnitsProposal | null = null;
  for (const wb of workbooks) {
    for (const sheet of wb.sheets) {
      if (sheet.hidden) continue;
      const p = proposeFromSheet(wb.fileName, sheet);
      if (p && (!best || p.units.length > best.units.length)) best = p;
    }
  }
  if (!best) {
    throw new UserFacingError(
      'UNITS_NOT_FOUND',
      'Không tìm thấy danh sách tên đơn vị trong tệp. Hãy dùng một bảng có cột “Tên cơ quan, đơn vị” hoặc một cột liệt kê tên các đơn vị (có thể có dòng khối “I Cấp xã”).',
    );
  }
  return best;
}

/** A slug id from a name: "UBND phường Đức Xuân" → "phuong-duc-xuan". */
export function slugId(name: string, taken: Set<string>): string {
  const base =
    fold(canonicalName(name))
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'don-vi';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

export interface UnitsApplied {
  report: Report;
  kept: number;
  added: number;
  removed: string[];
  droppedTables: string[];
  addedTables: string[];
}

/**
 * Makes a proposal the report's units and blocks (returns a new report). Units whose names match existing ones keep
 * their ids, aliases and figures; tables are rebuilt in the new order: a table that covered one block covers the
 * corresponding new block (same name, else same position), other tables cover every unit.
 */
export function applyUnitsProposal(report: Report, proposal: UnitsProposal): UnitsApplied {
  const r = structuredClone(report);
  const matcher = createUnitMatcher(report.units);
  const blockIds = new Set<string>();
  const blocks: Block[] = proposal.blocks.map((b) => ({ id: slugId(b.name, blockIds), numeral: b.numeral, name: b.name }));
  const unitIds = new Set<string>();
  const kept = new Map<string, Unit>();
  // Ids of the old units and of the new ones given so far: two names with one slug ("Đồng Lương", "Đông Lương") get two ids.
  const takenIds = new Set(report.units.map((x) => x.id));
  const units: Unit[] = proposal.units.map((p) => {
    const m = matcher.match(p.name);
    const old = m ? report.units.find((u) => u.id === m.unitId) : undefined;
    if (old && !kept.has(old.id)) {
      unitIds.add(old.id);
      const u: Unit = { ...old, aliases: [...old.aliases], blockId: blocks[p.block]!.id };
      for (const text of [p.name, p.written ?? p.name]) {
        if (text !== old.name && (canonicalName(old.name) !== canonicalName(text) || text === p.written) && !u.aliases.includes(text)) u.aliases.push(text);
      }
      kept.set(old.id, u);
      return u;
    }
    // The portal's spelling ("Sở Công Thương - Tỉnh Phú Thọ") is kept as another name of the unit.
    const aliases = p.written ? [p.written] : [];
    return { id: slugId(p.name, takenIds), name: p.name, aliases, blockId: blocks[p.block]!.id };
  });
  for (const u of units) unitIds.add(u.id);

  const oldBlockOf = new Map(report.units.map((u) => [u.id, u.blockId]));
  const newBlockFor = (oldBlockId: string): Block | undefined => {
    const old = report.blocks.find((b) => b.id === oldBlockId);
    const i = report.blocks.findIndex((b) => b.id === oldBlockId);
    return blocks.find((b) => old && fold(b.name) === fold(old.name)) ?? blocks[i];
  };
  const singleBlock = (t: Table): string | null => {
    const set = new Set(t.rows.map((row) => oldBlockOf.get(row.unitId)));
    return t.rows.length > 0 && set.size === 1 ? ([...set][0] ?? null) : null;
  };
  const tables: Table[] = [];
  const droppedTables: string[] = [];
  const coveredEval = new Set<string>();
  for (const t of report.tables) {
    const ob = singleBlock(t);
    let members = units;
    if (ob && report.blocks.length > 1) {
      const nb = newBlockFor(ob);
      if (!nb) {
        droppedTables.push(t.title);
        continue;
      }
      members = units.filter((u) => u.blockId === nb.id);
      if (t.kind === 'evaluation') coveredEval.add(nb.id);
    }
    const oldRows = new Map(t.rows.map((row) => [row.unitId, row]));
    tables.push({
      ...t,
      rows: members.map((u) => oldRows.get(u.id) ?? { unitId: u.id, cells: Object.fromEntries(t.columns.map((c) => [c.id, null])) }),
    });
  }
  // One evaluation table per block when the report had them per block.
  const addedTables: string[] = [];
  const evalTables = report.tables.filter((t) => t.kind === 'evaluation');
  if (evalTables.length > 1 || (evalTables.length === 1 && singleBlock(evalTables[0]!) !== null)) {
    const tableIds = new Set(tables.map((t) => t.id));
    for (const b of blocks) {
      if (coveredEval.has(b.id)) continue;
      const info = TABLE_KIND_INFO.evaluation;
      let id = `xep-loai-${b.id}`;
      for (let n = 2; tableIds.has(id); n++) id = `xep-loai-${b.id}-${n}`;
      tableIds.add(id);
      const title = `${info.title} ${b.name.toUpperCase()}`;
      tables.push({
        id,
        kind: 'evaluation',
        section: info.section,
        title,
        nameHeader: info.nameHeader,
        showBlocks: false,
        columns: info.columns.map((c) => ({ ...c })),
        rows: units.filter((u) => u.blockId === b.id).map((u) => ({ unitId: u.id, cells: Object.fromEntries(info.columns.map((c) => [c.id, null])) })),
        note: null,
      });
      addedTables.push(title);
    }
  }
  r.blocks = blocks;
  r.units = units;
  r.tables = tables;
  const checked = validateReport(r);
  if (!checked.ok) throw new UserFacingError('UNITS_INVALID', `Không áp dụng được danh sách đơn vị: ${checked.problem}.`);
  return {
    report: checked.report,
    kept: kept.size,
    added: units.length - kept.size,
    removed: report.units.filter((u) => !kept.has(u.id)).map((u) => u.name),
    droppedTables,
    addedTables,
  };
}
