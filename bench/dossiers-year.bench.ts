// Year-size dossier lists (issue 18): a province's year (about 2,5 million dossiers) as twelve monthly .xlsx files
// read together as the app reads them (a WorkerPool and aggregateInWorkers: several files at once, each in a worker
// thread), and the inline-string shape many exporters write against the shared-string one (aggregateFiles inline).
//
// Usage (each measurement runs in its own Node process under /usr/bin/time -v, whose peak RSS is printed; it counts
// the worker threads, which live in that process):
//   npx tsx bench/dossiers-year.bench.ts                         year (12 × 208 334 rows) + inline/shared 200 000 rows
//   npx tsx bench/dossiers-year.bench.ts --only inline,shared    only the 200 000-row pair
//   npx tsx bench/dossiers-year.bench.ts --rows 1000000          a smaller "year" (memory flat in rows: compare)
//   npx tsx bench/dossiers-year.bench.ts --only year --readers 1 the year read one file after another in one thread
//   npx tsx bench/dossiers-year.bench.ts --only year --files 3   the first 3 months only: files of the same size, a
//                                                                quarter of the rows (memory flat in rows: compare)
// Generated files are cached in the OS temp folder (baocao766-year-<rows>-<month>.xlsx, baocao766-dossiers-inline-
// 200000.xlsx, baocao766-dossiers-200000.xlsx); delete them to regenerate. Targets: the year within 30 s and
// 400 MB peak RSS on the dev machine; inline strings within 1,5× of shared strings. Figures: bench/README.md.
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { aggregateFiles } from '../core/dossiers/aggregate';
import type { AggregateResult } from '../core/dossiers/aggregator';
import { loadSample } from '../core/model/report';
import { aggregateInWorkers, READERS } from '../core/worker/aggregate-files';
import { WorkerPool } from '../core/worker/pool';
import { buildElectron } from '../scripts/build-electron';
import { writeGeneratedListFast } from '../test/helpers/dossier-lists';

const MODES = ['year', 'inline', 'shared'] as const;
type Mode = (typeof MODES)[number];

const run = promisify(execFile);

function yearFiles(rows: number): string[] {
  return Array.from({ length: 12 }, (_, m) => join(tmpdir(), `baocao766-year-${rows}-${m + 1}.xlsx`));
}

const PAIR_ROWS = 200_000;
const inlinePath = (): string => join(tmpdir(), `baocao766-dossiers-inline-${PAIR_ROWS}.xlsx`);
const sharedPath = (): string => join(tmpdir(), `baocao766-dossiers-${PAIR_ROWS}.xlsx`);

async function prepare(mode: Mode, rows: number): Promise<string[]> {
  const t0 = performance.now();
  const made: string[] = [];
  if (mode === 'year') {
    const per = Math.ceil(rows / 12);
    const files = yearFiles(rows);
    for (let m = 0; m < 12; m++) {
      if (existsSync(files[m]!)) continue;
      await writeGeneratedListFast(files[m]!, Math.min(per, rows - m * per), 766 + m, { month: m + 1, firstIndex: m * per });
      made.push(files[m]!);
    }
    if (made.length) console.log(`generated ${made.length} monthly files in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return files;
  }
  const path = mode === 'inline' ? inlinePath() : sharedPath();
  if (!existsSync(path)) {
    await writeGeneratedListFast(path, PAIR_ROWS, 766, { inline: mode === 'inline' });
    console.log(`generated ${path} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return [path];
}

/**
 * `--child year|single READERS WORKER PATH...`: the year as the app reads it (worker threads running the bundled
 * worker WORKER, as the app's worker.cjs), or a single file inline.
 */
async function child(args: string[]): Promise<void> {
  const [how, readersText, script, ...paths] = args;
  const options = { period: '2024', units: loadSample().units };
  const t0 = performance.now();
  let result: AggregateResult;
  if (how === 'year') {
    const pool = new WorkerPool({ script: script! });
    try {
      result = await aggregateInWorkers(pool, paths, options, { readers: Number(readersText) });
    } finally {
      await pool.close();
    }
  } else result = await aggregateFiles(paths, options);
  if (result.badRowCount !== 0 || result.unknownUnits.length !== 0) throw new Error(`unexpected bad rows: ${JSON.stringify(result.badRows.slice(0, 3))}`);
  process.stdout.write(JSON.stringify({ rows: result.rowsRead, counted: result.counted, ms: Math.round(performance.now() - t0) }) + '\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv.slice(1));
  const rowsArg = argv.indexOf('--rows');
  const rows = rowsArg >= 0 ? Number(argv[rowsArg + 1]) : 2_500_000;
  const readersArg = argv.indexOf('--readers');
  const readers = readersArg >= 0 ? Number(argv[readersArg + 1]) : READERS;
  if (!(readers >= 1)) throw new Error('--readers needs a number ≥ 1');
  const filesArg = argv.indexOf('--files');
  const files = filesArg >= 0 ? Number(argv[filesArg + 1]) : 12;
  if (!(files >= 1 && files <= 12)) throw new Error('--files needs a number from 1 to 12');
  const onlyArg = argv.indexOf('--only');
  const modes: Mode[] = onlyArg >= 0 ? (argv[onlyArg + 1]!.split(',') as Mode[]) : [...MODES];
  const self = fileURLToPath(import.meta.url);
  console.log(`Node ${process.version}; the year read by ${readers} thread${readers > 1 ? 's at once' : ''}`);
  console.log('mode     files  MB      rows        wall s  user+sys s  peak RSS MB');
  // The app's worker: bundled as the app and the CLI ship it (from source, each thread would first compile the core
  // through tsx). Inside the repository, so the bundle finds its external packages in node_modules.
  const buildDir = join(dirname(self), '..', 'test-results', `bench-year-${process.pid}`);
  const { worker } = await buildElectron({ outDir: buildDir });
  try {
    for (const mode of modes) await measure(mode, rows, readers, self, worker, files);
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
}

async function measure(mode: Mode, rows: number, readers: number, self: string, worker: string, files: number): Promise<void> {
  const paths = (await prepare(mode, rows)).slice(0, mode === 'year' ? files : undefined);
  const mb = paths.reduce((a, p) => a + statSync(p).size, 0) / 1e6;
  // /usr/bin/time -v: the kernel's peak RSS of the whole process, as the issue asks.
  const { stdout, stderr } = await run('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', self, '--child', mode === 'year' ? 'year' : 'single', String(readers), worker, ...paths], { maxBuffer: 1 << 22 });
  const out = JSON.parse(stdout.trim().split('\n').pop()!) as { rows: number };
  const field = (name: string): string => new RegExp(`${name}: (.*)`).exec(stderr)?.[1]?.trim() ?? '?';
  const wall = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)');
  const cpu = Number(field('User time \\(seconds\\)')) + Number(field('System time \\(seconds\\)'));
  const rss = Math.round(Number(field('Maximum resident set size \\(kbytes\\)')) / 1024);
  console.log(`${mode.padEnd(8)} ${String(paths.length).padStart(5)}  ${mb.toFixed(1).padStart(6)}  ${String(out.rows).padEnd(10)}  ${wall.padStart(7)}  ${cpu.toFixed(2).padStart(10)}  ${String(rss).padStart(11)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
