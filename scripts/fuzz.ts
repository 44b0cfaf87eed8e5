// `npm run fuzz -- --seed S --count N`: generates N malformed inputs from seed S, runs inspect/import/aggregate on each under limits, prints the classification table and saves every non-clean case for `--replay FILE`.
//
// Options: --seed S (default 1), --count N (default 100), --jobs J (parallel cases, default 2), --family NAME (only
// that family), --timeout MS (default 10000), --memory MB (default 500), --out DIR (where non-clean cases go,
// default a new folder in the temp directory), --cli FILE (a built out/cli/cli.cjs instead of building one),
// --replay FILE (a saved case's .json, or any file: run it alone and print each command's outcome).
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../core/cli/io';
import { caseSeed, FAMILIES, generateCase, type FuzzCase } from '../test/helpers/fuzz-generate';
import {
  ACCEPTABLE,
  classificationTable,
  COMMANDS,
  createRunner,
  DEFAULT_LIMITS,
  failureLines,
  prepareCli,
  rowsOf,
  runCases,
  type CaseResult,
  type Limits,
} from '../test/helpers/fuzz-run';

/** What a saved case's .json holds (the files sit next to it). */
interface SavedCase {
  id: string;
  family: string;
  mutation: string;
  seed: number;
  fileName: string;
  input: string;
  refs: { key: string; file: string }[];
  outcomes: CaseResult['outcomes'];
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);

async function saveCase(dir: string, index: number, r: CaseResult): Promise<string> {
  const c = r.fuzzCase;
  const ext = extname(c.fileName);
  const stem = `${String(index).padStart(4, '0')}-${safe(c.id.split('@')[0]!)}`;
  const input = `${stem}-input${ext}`;
  await writeFile(join(dir, input), c.bytes);
  const refs: SavedCase['refs'] = [];
  for (const ref of c.refs) {
    const file = `ref-${safe(ref.key)}${ext}`;
    await writeFile(join(dir, file), ref.bytes);
    refs.push({ key: ref.key, file });
  }
  const outcomes = Object.fromEntries(Object.entries(r.outcomes).map(([k, o]) => [k, { ...o, figures: undefined }]));
  const saved: SavedCase = { id: c.id, family: c.family, mutation: c.mutation, seed: c.seed, fileName: c.fileName, input, refs, outcomes };
  const path = join(dir, `${stem}.json`);
  await writeFile(path, JSON.stringify(saved, null, 2));
  return path;
}

async function loadReplay(file: string): Promise<FuzzCase> {
  const path = resolve(file);
  if (extname(path) === '.json') {
    const saved = JSON.parse(await readFile(path, 'utf8')) as SavedCase;
    const dir = dirname(path);
    return {
      id: saved.id,
      family: saved.family,
      mutation: saved.mutation,
      seed: saved.seed,
      fileName: saved.fileName,
      bytes: await readFile(join(dir, saved.input)),
      refs: await Promise.all(saved.refs.map(async (r) => ({ key: r.key, bytes: await readFile(join(dir, r.file)) }))),
    };
  }
  return { id: `replay/${basename(path)}`, family: 'replay', mutation: 'a file replayed on its own (figures unchecked)', seed: 0, fileName: basename(path), bytes: await readFile(path), refs: [] };
}

function numberFlag(v: string | true | undefined, fallback: number, what: string): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isFinite(n) || n < 0) throw new Error(`--${what} needs a number`);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    command: 'fuzz',
    options: ['seed', 'count', 'jobs', 'timeout', 'memory', 'family', 'cli', 'replay', 'out'],
    positional: 0,
    usage: 'npm run fuzz -- [--seed N] [--count N] [--jobs N] [--timeout MS] [--memory MB] [--family F] [--cli PATH] [--replay FILE] [--out DIR]',
  });
  const seed = numberFlag(args.flags.get('seed'), 1, 'seed');
  const count = numberFlag(args.flags.get('count'), 100, 'count');
  const jobs = numberFlag(args.flags.get('jobs'), 2, 'jobs');
  const limits: Limits = {
    ...DEFAULT_LIMITS,
    timeoutMs: numberFlag(args.flags.get('timeout'), DEFAULT_LIMITS.timeoutMs, 'timeout'),
    memoryMb: numberFlag(args.flags.get('memory'), DEFAULT_LIMITS.memoryMb, 'memory'),
  };
  const family = args.flags.get('family');
  if (family !== undefined && (typeof family !== 'string' || !FAMILIES.includes(family))) throw new Error(`--family needs one of: ${FAMILIES.join(', ')}`);
  const cliFlag = args.flags.get('cli');
  const handle = await prepareCli(typeof cliFlag === 'string' ? { cli: resolve(cliFlag) } : {});
  try {
    const runner = createRunner(handle, limits);
    const replay = args.flags.get('replay');
    if (typeof replay === 'string') {
      const c = await loadReplay(replay);
      const r = await runner.runCase(c);
      process.stdout.write(`${c.id}\n${c.mutation}\n`);
      for (const command of COMMANDS) {
        const o = r.outcomes[command];
        if (o) process.stdout.write(`  ${command.padEnd(9)} ${o.verdict} (exit ${o.exit}, ${o.cpuMs} ms CPU, ${o.ms} ms, ${o.peakMb} MB) ${o.note}\n`);
      }
      return Object.values(r.outcomes).every((o) => ACCEPTABLE.includes(o.verdict)) ? 0 : 1;
    }

    const started = Date.now();
    const cases: FuzzCase[] = [];
    for (let i = 0; i < count; i++) cases.push(await generateCase(caseSeed(seed, i), family));
    process.stderr.write(`fuzz: seed ${seed}, ${cases.length} cases ${family ? ` of family ${family}` : ''} generated in ${Date.now() - started} ms; running with ${jobs} job(s), limits ${limits.timeoutMs} ms CPU (${limits.timeoutMs * limits.wallFactor} ms wall) and ${limits.memoryMb} MB\n`);
    const results = await runCases(runner, cases, jobs, (r, done) => {
      const bad = Object.values(r.outcomes).filter((o) => !ACCEPTABLE.includes(o.verdict));
      if (done % 10 === 0 || bad.length > 0) process.stderr.write(`  ${done}/${cases.length}${bad.length ? `  ${r.fuzzCase.id}: ${bad.map((o) => o.verdict).join(', ')}` : ''}\n`);
    });
    const rows = rowsOf(results);
    const failures = failureLines(rows);
    process.stdout.write(`\nClassification (seed ${seed}, ${cases.length} cases × ${COMMANDS.length} commands, ${Math.round((Date.now() - started) / 1000)} s):\n${classificationTable(rows)}\n`);
    if (failures.length === 0) {
      process.stdout.write('\nEvery run was a clean refusal or a correct acceptance.\n');
      return 0;
    }
    const outFlag = args.flags.get('out');
    const dir = typeof outFlag === 'string' ? resolve(outFlag) : await mkdtemp(join(tmpdir(), `fuzz-seed${seed}-`));
    await mkdir(dir, { recursive: true });
    const saved: string[] = [];
    for (const [i, r] of results.entries()) {
      if (Object.values(r.outcomes).some((o) => !ACCEPTABLE.includes(o.verdict))) saved.push(await saveCase(dir, i, r));
    }
    process.stdout.write(`\nNot clean (${failures.length} runs in ${saved.length} cases):\n${failures.join('\n')}\n`);
    process.stdout.write(`\nSaved in ${dir} (replay one with: npm run fuzz -- --replay ${saved[0]})\n`);
    return 1;
  } finally {
    await handle.dispose();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`fuzz: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
