// Benchmark of dossier-list aggregation: the lean streaming reader and aggregate() against exceljs, on a generated list.
//
// Usage (each measurement runs in its own Node process, so peak RSS is that of one reader alone):
//   npx tsx bench/dossiers.bench.ts                     200,000 rows: unzip, saxes, lean reader, aggregate, exceljs stream
//   npx tsx bench/dossiers.bench.ts --with-readfile     … plus a plain exceljs readFile (slow, ~1.4 GB)
//   npx tsx bench/dossiers.bench.ts --rows 1000000 --only aggregate     the 1,000,000-row run
// The generated .xlsx (written as Excel saves a workbook: shared strings, a date-time style, a title block above the
// header; 13 columns; the received date as text "dd/MM/yyyy HH:mm", due and finish dates as Excel date-times; see
// writeGeneratedListFast in test/helpers/dossier-lists.ts) is cached in the OS temp folder as
// baocao766-dossiers-<rows>.xlsx (delete it to regenerate). Targets (issue 7): aggregate on 200,000 rows under 8 s and 350 MB peak,
// aim under 4 s; 1,000,000 rows without running out of memory.
//
// Figures measured on 2026-11-27 (Node 20.20, 2 shared cores; load average 10–15 from other work, so wall times
// are inflated and CPU time, which counts the inflate thread too, is the steadier figure):
//   200,000 rows, 14.2 MB file          wall s   cpu s   peak RSS MB (baseline of a bare bench child: 116)
//     unzip (floor)                       0.47    0.40       152
//     saxes parse alone, no cell work     2.29    1.69       128
//     lean reader (rows of raw values)    1.55    1.32       163
//     aggregate()                         3.10    2.29       240
//     exceljs streaming reader           52.46   13.90       350
//     exceljs readFile                   77.60   22.13      1487
//   1,000,000 rows, 69.9 MB file (generated in 77 s)
//     lean reader                         7.55    6.04       240
//     aggregate()                        20.95   12.09       556 (GC is lazy: with --max-old-space-size=160 the
//                                                                  same run finishes at 240 MB peak RSS)
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';
import { aggregate } from '../core/dossiers/aggregate';
import { loadSample } from '../core/model/report';
import { streamXlsxRowBatches } from '../core/xlsx/stream';
import { writeGeneratedListFast } from '../test/helpers/dossier-lists';

const MODES = ['unzip', 'saxes', 'lean', 'aggregate', 'exceljs-stream', 'exceljs-readfile'] as const;
type Mode = (typeof MODES)[number];

const DESCRIPTIONS: Record<Mode, string> = {
  unzip: 'yauzl + inflate of the sheet XML only (floor)',
  saxes: 'unzip + saxes parse of the sheet, no cell work',
  lean: 'core/xlsx/stream.ts: rows of raw values',
  aggregate: 'aggregate(): reader + header + parsing + per-unit tally',
  'exceljs-stream': 'exceljs WorkbookReader, every cell value read',
  'exceljs-readfile': 'exceljs Workbook.xlsx.readFile, every cell value read',
};

interface Measure {
  mode: Mode;
  rows: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}

/* ------------------------------------------------------------------ the measured workloads (child process) */

function openSheetStream(path: string): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName === 'xl/worksheets/sheet1.xml') {
          zip.openReadStream(e, { decodeFileData: false }, (err2, raw) => {
            if (err2 || !raw) return reject(err2);
            resolve(raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 })));
          });
        } else zip.readEntry();
      });
      zip.readEntry();
    });
  });
}

async function runMode(mode: Mode, path: string): Promise<number> {
  switch (mode) {
    case 'unzip': {
      let bytes = 0;
      for await (const c of await openSheetStream(path)) bytes += (c as Buffer).length;
      return bytes > 0 ? -1 : 0;
    }
    case 'saxes': {
      const parser = new SaxesParser();
      let rows = 0;
      parser.on('opentag', (t) => {
        if (t.name === 'row') rows++;
      });
      const decoder = new StringDecoder('utf8');
      for await (const c of await openSheetStream(path)) parser.write(decoder.write(c as Buffer));
      parser.close();
      return rows;
    }
    case 'lean': {
      let rows = 0;
      for await (const batch of streamXlsxRowBatches(path)) rows += batch.length;
      return rows;
    }
    case 'aggregate': {
      const result = await aggregate(path, { period: '2024', units: loadSample().units });
      if (result.badRowCount !== 0 || result.unknownUnits.length !== 0) throw new Error(`unexpected bad rows: ${JSON.stringify(result.badRows.slice(0, 3))}`);
      return result.rowsRead;
    }
    case 'exceljs-stream': {
      let rows = 0;
      let cells = 0;
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
      for await (const ws of reader) {
        for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
          rows++;
          row.eachCell((c) => {
            if (c.value !== undefined) cells++;
          });
        }
      }
      return cells > 0 ? rows : 0;
    }
    case 'exceljs-readfile': {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      let rows = 0;
      wb.worksheets[0]!.eachRow((row) => {
        rows++;
        row.eachCell(() => undefined);
      });
      return rows;
    }
  }
}

async function child(mode: Mode, path: string): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rows = await runMode(mode, path);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const m: Measure = {
    mode,
    rows,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    // maxRSS is the process's true peak (KiB), sampled by the kernel rather than by polling.
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(JSON.stringify(m) + '\n');
}

/* ------------------------------------------------------------------ the driver */

const run = promisify(execFile);

async function measure(mode: Mode, path: string): Promise<Measure> {
  const self = fileURLToPath(import.meta.url);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', self, '--child', mode, path], {
    maxBuffer: 1 << 20,
    env: { ...process.env },
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Measure;
}

async function baselineRss(): Promise<number> {
  // A child that only loads the same modules: the part of peak RSS that is Node + tsx + the code, not the data.
  const self = fileURLToPath(import.meta.url);
  const { stdout } = await run(process.execPath, ['--import', 'tsx', self, '--baseline']);
  return Number(stdout.trim());
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1] as Mode, argv[2]!);
  if (argv[0] === '--baseline') {
    process.stdout.write(String(Math.round(process.resourceUsage().maxRSS / 1024)));
    return;
  }
  const rowsArg = argv.indexOf('--rows');
  const rows = rowsArg >= 0 ? Number(argv[rowsArg + 1]) : 200_000;
  const onlyArg = argv.indexOf('--only');
  let modes: Mode[] = onlyArg >= 0 ? (argv[onlyArg + 1]!.split(',') as Mode[]) : MODES.filter((m) => m !== 'exceljs-readfile');
  if (argv.includes('--with-readfile') && !modes.includes('exceljs-readfile')) modes = [...modes, 'exceljs-readfile'];
  const path = join(tmpdir(), `baocao766-dossiers-${rows}.xlsx`);
  if (!existsSync(path)) {
    const t0 = performance.now();
    process.stdout.write(`Generating ${rows.toLocaleString('en')} rows into ${path} … `);
    await writeGeneratedListFast(path, rows);
    process.stdout.write(`${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const size = statSync(path).size;
  console.log(`File: ${path} (${(size / 1e6).toFixed(1)} MB), ${rows.toLocaleString('en')} dossier rows`);
  console.log(`Node ${process.version}, baseline RSS of a bench child (Node + tsx + modules): ${await baselineRss()} MB`);
  console.log('');
  console.log('mode               wall s   cpu s   peak RSS MB   rows        what');
  for (const mode of modes) {
    const m = await measure(mode, path);
    console.log(
      `${mode.padEnd(18)} ${(m.wallMs / 1000).toFixed(2).padStart(6)}  ${(m.cpuMs / 1000).toFixed(2).padStart(6)}   ${String(m.peakRssMb).padStart(11)}   ${String(m.rows < 0 ? '—' : m.rows).padEnd(10)}  ${DESCRIPTIONS[mode]}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
