// Benchmark of the bounded text readers (issue 14.3): big and hostile CSV, HTML and SpreadsheetML files, each read in its own process.
//
// Usage:
//   npx tsx bench/parsing.bench.ts                 every case
//   npx tsx bench/parsing.bench.ts --only csv-lines,html-dossier
// Inputs are generated into the OS temp folder as baocao766-parsing-<case>.<ext> (cached; delete to regenerate).
// Each case runs in a child Node process (`--import tsx`), so peak RSS (the kernel's maxRSS) is that of one read
// alone; it includes Node + tsx + the modules (the "baseline" line). Target: a 60 MB text file under 400 MB peak.
import { execFile } from 'node:child_process';
import { existsSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadSample } from '../core/model/report';
import { previewFiles } from '../core/worker/preview-files';
import { readPasted } from '../core/xlsx/paste';
import { readSpreadsheetBytes } from '../core/xlsx/read';
import { streamRowBatches } from '../core/xlsx/stream';

const MB = 1024 * 1024;

/** Writes `total` bytes made of `head` then `line` repeated (then `tail`), in blocks (the generator stays small). */
function writeRepeated(path: string, head: string, line: string, total: number, tail = ''): void {
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  const block = Buffer.from(line.repeat(Math.max(1, Math.floor(MB / Buffer.byteLength(line)))));
  let written = Buffer.byteLength(head);
  while (written + block.length + Buffer.byteLength(tail) <= total) {
    writeSync(fd, block);
    written += block.length;
  }
  writeSync(fd, tail);
  closeSync(fd);
}

const unit = (i: number): string => `Phường Sông Cầu ${i}`;

interface Case {
  file: string;
  what: string;
  make: (path: string) => void;
  run: (path: string) => Promise<string>;
}

async function importFile(path: string): Promise<string> {
  const book = await readSpreadsheetBytes(await readFile(path), path);
  const s = book.sheets[0]!;
  return `${book.sheets.length} sheet(s), ${s.rows.length} rows × ${Math.max(...s.rows.map((r) => r.length))} columns`;
}

async function streamFile(path: string): Promise<string> {
  let rows = 0;
  for await (const batch of streamRowBatches(path)) rows += batch.length;
  return `${rows} rows streamed`;
}

const CASES: Record<string, Case> = {
  'csv-lines': {
    file: 'csv-lines.csv',
    what: '60 MB CSV, short lines, table import (reads the first 20,000 rows)',
    make: (p) => writeRepeated(p, 'Đơn vị;Tỷ lệ;Hồ sơ\r\n', `${unit(1)};94,12;1/1\r\n`, 60 * MB),
    run: importFile,
  },
  'csv-wide': {
    file: 'csv-wide.csv',
    what: '60 MB CSV, 20,000 rows of 200 fields (the whole file is useful table)',
    make: (p) => writeRepeated(p, '', `${Array.from({ length: 200 }, (_, i) => `${unit(i)} ${i}`.slice(0, 13)).join(';')}\n`, 60 * MB),
    run: importFile,
  },
  'csv-one-line': {
    file: 'csv-one-line.csv',
    what: '40 MB one-line CSV, table import (refused)',
    make: (p) => writeRepeated(p, '', 'a;1;', 40 * MB),
    run: importFile,
  },
  'csv-dossier': {
    file: 'csv-dossier.csv',
    what: '60 MB CSV dossier list, streamed (every row)',
    make: (p) => writeRepeated(p, 'Mã hồ sơ;Đơn vị;Ngày nhận;Hạn;Ngày trả\n', `H12.34-240701-0001;${unit(7)};01/07/2024 08:00;05/07/2024;04/07/2024\n`, 60 * MB),
    run: streamFile,
  },
  'paste-one-line': {
    file: 'paste-one-line.txt',
    what: '40 MB pasted text on one line (refused)',
    make: (p) => writeRepeated(p, '', 'x\t', 40 * MB),
    run: async (p) => `${readPasted({ text: await readFile(p, 'utf8') }).length} sheet(s)`,
  },
  'html-dossier': {
    file: 'html-dossier.xls',
    what: '60 MB HTML-as-.xls dossier list, streamed (whole table kept)',
    make: (p) =>
      writeRepeated(
        p,
        '<html><body><table><tr><th>Mã hồ sơ</th><th>Đơn vị</th><th>Ngày nhận</th></tr>\n',
        `<tr><td>H12.34-240701-0001</td><td>${unit(7)}</td><td style="mso-number-format:'\\@'">01/07/2024</td></tr>\n`,
        60 * MB,
        '</table></body></html>',
      ),
    run: streamFile,
  },
  'html-import': {
    file: 'html-import.xls',
    what: '20 MB HTML-as-.xls table, table import (the markup size cap)',
    make: (p) => writeRepeated(p, '<html><body><table>\n', `<tr><td>${unit(3)}</td><td>94,12</td><td>1/1</td></tr>\n`, 20 * MB, '</table></body></html>'),
    run: importFile,
  },
  'html-divs': {
    file: 'html-divs.xls',
    what: 'HTML cell inside 200,000 nested <div> (flattened)',
    make: (p) => writeFileSync(p, `<table><tr><td>${'<div>'.repeat(200_000)}Sông Cầu${'</div>'.repeat(200_000)}</td><td>1</td></tr></table>`),
    run: importFile,
  },
  'html-tables': {
    file: 'html-tables.xls',
    what: 'HTML with 200,000 tables nested in cells (refused)',
    make: (p) => writeFileSync(p, `${'<table><tr><td>'.repeat(200_000)}x${'</td></tr></table>'.repeat(200_000)}`),
    run: importFile,
  },
  'xml-bold': {
    file: 'xml-bold.xml',
    what: 'SpreadsheetML cell with 200,000 nested <B> (refused)',
    make: (p) =>
      writeFileSync(
        p,
        `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="A"><Table><Row><Cell><ss:Data ss:Type="String">${'<B>'.repeat(200_000)}x${'</B>'.repeat(200_000)}</ss:Data></Cell></Row></Table></Worksheet></Workbook>`,
      ),
    run: importFile,
  },
  'xml-import': {
    file: 'xml-import.xml',
    what: '20 MB SpreadsheetML table, table import',
    make: (p) =>
      writeRepeated(
        p,
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="A"><Table>\n',
        `<Row><Cell><Data ss:Type="String">${unit(5)}</Data></Cell><Cell><Data ss:Type="Number">94.12</Data></Cell></Row>\n`,
        20 * MB,
        '</Table></Worksheet></Workbook>',
      ),
    run: importFile,
  },
  'drop-five': {
    file: 'csv-lines.csv',
    what: 'five 20 MB CSV files chosen together (previewFiles; 100 MB, the per-drop limit)',
    make: () => undefined,
    run: async () => {
      const paths = [1, 2, 3, 4, 5].map((i) => join(tmpdir(), `baocao766-parsing-drop-${i}.csv`));
      for (const p of paths) if (!existsSync(p)) writeRepeated(p, 'Đơn vị;Tỷ lệ\n', `${unit(2)};94,12\n`, 20 * MB - 64);
      const preview = await previewFiles(loadSample(), paths);
      return `${preview.sources.length} source(s) previewed`;
    },
  },
};

/* ------------------------------------------------------------------ child and parent */

async function child(name: string, path: string): Promise<void> {
  const started = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  let outcome: string;
  try {
    outcome = await CASES[name]!.run(path);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    outcome = `refused ${e.code ?? ''}: ${String(e.message).slice(0, 90)}`;
  }
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    JSON.stringify({
      wallS: Number(process.hrtime.bigint() - started) / 1e9,
      cpuS: (cpu.user + cpu.system) / 1e6,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      outcome,
    }),
  );
}

const run = promisify(execFile);
const self = fileURLToPath(import.meta.url);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1]!, argv[2]!);
  if (argv[0] === '--baseline') {
    process.stdout.write(String(Math.round(process.resourceUsage().maxRSS / 1024)));
    return;
  }
  const onlyAt = argv.indexOf('--only');
  const names = onlyAt >= 0 ? argv[onlyAt + 1]!.split(',') : Object.keys(CASES);
  const base = await run(process.execPath, ['--import', 'tsx', self, '--baseline']);
  console.log(`Node ${process.version}, baseline RSS of a bench child (Node + tsx + modules): ${base.stdout} MB`);
  console.log('| case | file MB | wall s | CPU s | peak RSS MB | outcome |\n|---|---|---|---|---|---|');
  for (const name of names) {
    const c = CASES[name];
    if (!c) throw new Error(`unknown case ${name}`);
    const path = join(tmpdir(), `baocao766-parsing-${c.file}`);
    if (!existsSync(path)) c.make(path);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', self, '--child', name, path], { maxBuffer: 1 << 20, timeout: 600_000 });
    const r = JSON.parse(stdout) as { wallS: number; cpuS: number; peakRssMb: number; outcome: string };
    const mb = name === 'drop-five' ? 100 : statSync(path).size / MB;
    console.log(`| ${c.what} | ${mb.toFixed(1)} | ${r.wallS.toFixed(2)} | ${r.cpuS.toFixed(2)} | ${r.peakRssMb} | ${r.outcome} |`);
  }
}

await main();
