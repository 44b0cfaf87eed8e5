// The real files the fuzz suite mutates: per-unit tables and dossier lists as .xlsx (exceljs), HTML and SpreadsheetML "xls", and CSV, plus the text encoders the CSV family needs.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GENERATED_HEADER, generatedRow, random, tempDir, writeGeneratedList, type CellInput } from './dossier-lists';
import { clerkOnTimeWorkbook, htmlXls, spreadsheetMlXls, wideWorkbook } from './workbooks';

export const BASE_KEYS = ['bang-xlsx', 'tong-hop-xlsx', 'ds-xlsx', 'bang-html', 'bang-xml', 'bang-csv', 'ds-csv'] as const;
export type BaseKey = (typeof BASE_KEYS)[number];

export interface Base {
  key: BaseKey;
  /** The name every case made from this base is read under (the same as its reference, so outputs compare). */
  fileName: string;
  bytes: Buffer;
}

export const XLSX_BASES: readonly BaseKey[] = ['bang-xlsx', 'tong-hop-xlsx', 'ds-xlsx'];
export const CSV_BASES: readonly BaseKey[] = ['bang-csv', 'ds-csv'];

/** A per-unit on-time table as a Vietnamese Excel "CSV (dấu chấm phẩy)": title, header, block rows, decimal commas. */
export const TABLE_CSV_LINES: readonly string[] = [
  'TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN TẠI CÁC CƠ QUAN, ĐƠN VỊ;;;',
  ';;;',
  'STT;Tên cơ quan, đơn vị;Số hồ sơ;Tỷ lệ (%)',
  'I;Cấp thành phố;;',
  '1;Phòng Kinh tế;12;100',
  '2;Phòng Tư pháp;40;97,5',
  '3;Phòng Nội vụ;7;85,71',
  'II;Cấp xã;;',
  '1;UBND phường Sông Cầu;34;94,12',
  '2;UBND phường Đức Xuân;133;97,74',
  '3;Phường Phùng Chí Kiên;90;98,89',
  '4;UBND xã Dương Quang;12;100',
  '5;UBND xã Nông Thượng;8;87,5',
  '6;UBND phường Huyền Tụng;64;98,44',
];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function csvField(v: CellInput): string {
  if (v === null) return '';
  if (v instanceof Date) return `${pad2(v.getUTCDate())}/${pad2(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${pad2(v.getUTCHours())}:${pad2(v.getUTCMinutes())}`;
  const s = String(v);
  return /[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A generated dossier list (the same rows as the .xlsx one) as a ";" CSV with dates as text. */
export function dossierCsv(rows: number, seed: number): string {
  const rnd = random(seed);
  const lines = ['DANH SÁCH HỒ SƠ TIẾP NHẬN', GENERATED_HEADER.map(csvField).join(';')];
  for (let i = 0; i < rows; i++) lines.push(generatedRow(i, rnd).map(csvField).join(';'));
  return lines.join('\r\n') + '\r\n';
}

const LIST_ROWS = 60;
const LIST_SEED = 766;

async function generatedListBytes(): Promise<Buffer> {
  const dir = await tempDir('fuzz-base-');
  try {
    const path = await writeGeneratedList(join(dir, 'ds.xlsx'), LIST_ROWS, LIST_SEED);
    return await readFile(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let cache: Promise<Map<BaseKey, Base>> | null = null;

/** Builds every base once per process. */
export function loadBases(): Promise<Map<BaseKey, Base>> {
  cache ??= (async () => {
    const list: Base[] = [
      { key: 'bang-xlsx', fileName: 'dung-han.xlsx', bytes: await clerkOnTimeWorkbook() },
      { key: 'tong-hop-xlsx', fileName: 'tong-hop.xlsx', bytes: await wideWorkbook() },
      { key: 'ds-xlsx', fileName: 'danh-sach.xlsx', bytes: await generatedListBytes() },
      { key: 'bang-html', fileName: 'thanh-toan.xls', bytes: htmlXls() },
      { key: 'bang-xml', fileName: 'truc-tuyen.xls', bytes: spreadsheetMlXls() },
      { key: 'bang-csv', fileName: 'dung-han.csv', bytes: Buffer.from(TABLE_CSV_LINES.join('\r\n') + '\r\n', 'utf8') },
      { key: 'ds-csv', fileName: 'danh-sach.csv', bytes: Buffer.from(dossierCsv(LIST_ROWS, LIST_SEED), 'utf8') },
    ];
    return new Map(list.map((b) => [b.key, b]));
  })();
  return cache;
}

/* ------------------------------------------------------------------ single-byte code pages */

function codePage(label: 'windows-1258' | 'windows-1252'): Map<string, number> {
  const decoder = new TextDecoder(label);
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch !== '\ufffd' && !map.has(ch)) map.set(ch, b);
  }
  return map;
}

const CP1258 = codePage('windows-1258');
const CP1252 = codePage('windows-1252');

/**
 * Encodes text in code page 1258 as Vietnamese Windows does: a precomposed letter where the page has one (ư, ê, ă…),
 * the tone as a combining mark after it. Throws on a character the page cannot hold.
 */
export function encodeCp1258(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = CP1258.get(ch);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const [base = '', ...marks] = [...ch.normalize('NFD')];
    let head = base;
    let rest = marks;
    for (const m of marks) {
      const composed = (base + m).normalize('NFC');
      if (composed.length === 1 && CP1258.has(composed)) {
        head = composed;
        rest = marks.filter((x) => x !== m);
        break;
      }
    }
    for (const c of [head, ...rest]) {
      const b = CP1258.get(c);
      if (b === undefined) throw new Error(`encodeCp1258: cannot encode ${JSON.stringify(ch)}`);
      out.push(b);
    }
  }
  return Buffer.from(out);
}

/** The text with every letter code page 1252 lacks replaced by its nearest letter there ("Tư" → "Tu", "Đức" → "Duc"). */
export function degradeTo1252(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (CP1252.has(ch)) {
      out += ch;
      continue;
    }
    if (ch === 'Đ' || ch === 'đ') {
      out += ch === 'Đ' ? 'D' : 'd';
      continue;
    }
    const [base = '?', ...marks] = [...ch.normalize('NFD')];
    const kept = marks.map((m) => (base + m).normalize('NFC')).find((c) => c.length === 1 && CP1252.has(c));
    out += kept ?? (CP1252.has(base) ? base : '?');
  }
  return out;
}

export function encodeCp1252(text: string): Buffer {
  return Buffer.from([...text].map((ch) => CP1252.get(ch) ?? 0x3f));
}

/** UTF-16 big endian bytes of a text. */
export function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) {
    const t = le[i]!;
    le[i] = le[i + 1]!;
    le[i + 1] = t;
  }
  return le;
}
