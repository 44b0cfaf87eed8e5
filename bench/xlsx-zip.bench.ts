// Benchmark of the checked zip reading (issue 14.1): what CRC-32 checking and the sheet check cost the table reader and the dossier stream reader.
//
// Usage: npx tsx bench/xlsx-zip.bench.ts [--rows 20000] [--runs 5]
// Table reader (readSpreadsheetBytes, exceljs), on a generated per-unit-style workbook of --rows rows, median of
// --runs runs in this process:
//   old      guardZip streaming every part (yauzl size check, no CRC) + exceljs.load(the original bytes)
//   verify   checked parts (CRC-32, sizes) + exceljs.load(the original bytes): exceljs/JSZip inflates again
//   stored   checked parts + exceljs.load(a stored zip of the checked parts): what read.ts does, without the sheet check
//   read     readSpreadsheetBytes as shipped: stored + the bounded scanner run over each sheet first
// Dossier path (the cached 200,000-row list of bench/dossiers.bench.ts, generated if missing):
//   crc32 only   zlib.crc32 over the sheet's inflated bytes, already in memory (what the check adds to inflating)
//   unzip        yauzl + inflate of the sheet, no check (the floor)
//   unzip+crc    the same through core/xlsx/zip.ts (count + CRC-32 per chunk)
//   lean         streamXlsxRowBatches as shipped (checked zip + hardened scanner)
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { guardZip } from '../core/xlsx/guard';
import { readSpreadsheetBytes } from '../core/xlsx/read';
import { streamXlsxRowBatches } from '../core/xlsx/stream';
import { openCheckedZip, storedZip } from '../core/xlsx/zip';
import { writeGeneratedListFast } from '../test/helpers/dossier-lists';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall and CPU milliseconds of `runs` runs after one warm-up (CPU counts zlib's thread too). */
async function time(runs: number, fn: () => Promise<unknown>): Promise<string> {
  await fn(); // warm-up (file cache, JIT)
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return `${median(wall).toFixed(0).padStart(6)} ms wall ${median(cpu).toFixed(0).padStart(6)} ms CPU`;
}

async function tableWorkbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đúng hạn');
  ws.addRow(['STT', 'Tên đơn vị', 'Tổng số', 'Đúng hạn', 'Tỷ lệ (%)']);
  for (let r = 1; r <= rows; r++) ws.addRow([r, `Đơn vị số ${r}`, 100 + (r % 50), 90 + (r % 10), 90 + (r % 1000) / 100]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function exceljsLoad(bytes: Buffer): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
}

function rawSheetStream(path: string): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== 'xl/worksheets/sheet1.xml') return zip.readEntry();
        zip.openReadStream(e, { decodeFileData: false }, (err2, raw) => (err2 || !raw ? reject(err2) : resolve(raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 })))));
      });
      zip.readEntry();
    });
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string, d: number): number => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : d);
  const rows = arg('--rows', 20_000);
  const runs = arg('--runs', 5);
  const bytes = await tableWorkbook(rows);
  console.log(`Node ${process.version}; table workbook: ${rows.toLocaleString('en')} rows, ${(bytes.length / 1e6).toFixed(2)} MB; median of ${runs} runs`);
  const table: [string, () => Promise<unknown>][] = [
    ['old', async () => {
      await guardZip(bytes, { verifyData: true });
      await exceljsLoad(bytes);
    }],
    ['verify', async () => {
      await guardZip(bytes, { verifyData: true, keepData: true });
      await exceljsLoad(bytes);
    }],
    ['stored', async () => {
      const check = await guardZip(bytes, { verifyData: true, keepData: true });
      await exceljsLoad(storedZip([...check.data!].map(([name, p]) => ({ name, data: p.data, crc: p.crc }))));
    }],
    ['read', () => readSpreadsheetBytes(bytes, 'bang.xlsx')],
  ];
  for (const [name, fn] of table) console.log(`  table ${name.padEnd(10)} ${await time(runs, fn)}`);

  const listRows = 200_000;
  const path = join(tmpdir(), `baocao766-dossiers-${listRows}.xlsx`);
  if (!existsSync(path)) await writeGeneratedListFast(path, listRows);
  const chunks: Buffer[] = [];
  for await (const c of await rawSheetStream(path)) chunks.push(c as Buffer);
  const inflated = Buffer.concat(chunks);
  console.log(`  200k list: sheet part ${(inflated.length / 1e6).toFixed(1)} MB inflated`);
  const dossier: [string, () => Promise<unknown>][] = [
    ['crc32 only', async () => crc32(inflated)],
    ['unzip', async () => {
      for await (const _ of await rawSheetStream(path));
    }],
    ['unzip+crc', async () => {
      const zip = await openCheckedZip(path);
      try {
        for await (const _ of await zip.open(zip.entries.get('xl/worksheets/sheet1.xml')!));
      } finally {
        zip.close();
      }
    }],
    ['lean', async () => {
      let n = 0;
      for await (const b of streamXlsxRowBatches(path)) n += b.length;
      if (n < listRows) throw new Error(`only ${n} rows`);
    }],
  ];
  for (const [name, fn] of dossier) console.log(`  200k list ${name.padEnd(10)} ${await time(Math.min(runs, 3), fn)}`);
}

void main();
