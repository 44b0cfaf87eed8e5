// The fuzz runner: runs the real CLI (inspect, import, aggregate) on each generated case in a child process with a time and memory limit, and classifies what happened.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../core/cli/main';
import { clearFigures, loadSample, serializeReport } from '../../core/model/report';
import { buildElectron } from '../../scripts/build-electron';
import type { FuzzCase, RefFile } from './fuzz-generate';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const COMMANDS = ['inspect', 'import', 'aggregate'] as const;
export type FuzzCommand = (typeof COMMANDS)[number];

/** What one run of one command on one file came to. Only the first two are acceptable. */
export const VERDICTS = ['clean refusal', 'correct acceptance', 'wrong acceptance', 'unclean refusal', 'hang', 'crash', 'over-memory'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const ACCEPTABLE: readonly Verdict[] = ['clean refusal', 'correct acceptance'];

export interface Limits {
  /**
   * Time limit of one command: the child is killed ("hang") when its CPU time passes it, or when its wall-clock time
   * passes `wallFactor` times it (CPU time is what a slow reader costs; wall time alone would count the other
   * processes of a shared machine).
   */
  timeoutMs: number;
  wallFactor: number;
  /** Peak resident memory allowed (above it: "over-memory"). */
  memoryMb: number;
  /** The child is killed when its resident memory passes this (protects the machine; also "over-memory"). */
  killMemoryMb: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 10_000, wallFactor: 3, memoryMb: 500, killMemoryMb: 1500 };

/** The aggregation period of every aggregate run (the generated dossier lists are dated in 2024). */
export const PERIOD = '2024';

export interface ProcessResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time. */
  ms: number;
  /** CPU time (user + system) of the command. */
  cpuMs: number;
  peakMb: number;
  timedOut: boolean;
  memoryKilled: boolean;
  stdoutTruncated: boolean;
}

const MAX_CAPTURE = 64 * 1024 * 1024;
const TIME_BIN = '/usr/bin/time';

/** Peak RSS (kB) from /proc/<pid>/status (VmHWM), the current RSS, or null when the process is gone. */
async function procMemory(pid: number): Promise<{ hwm: number; rss: number } | null> {
  try {
    const s = await readFile(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+)/.exec(s);
    const rss = /VmRSS:\s+(\d+)/.exec(s);
    return { hwm: hwm ? Number(hwm[1]) : 0, rss: rss ? Number(rss[1]) : 0 };
  } catch {
    return null;
  }
}

/** CPU time (user + system, ms) from /proc/<pid>/stat (clock ticks of 10 ms). */
async function procCpuMs(pid: number): Promise<number> {
  try {
    const s = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

async function childPids(pid: number): Promise<number[]> {
  try {
    return (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Runs `node <args>` in its own process group, killed after `timeoutMs` or above `killMemoryMb`. Peak memory comes
 * from /usr/bin/time (the kernel's maximum RSS at exit) where present, else from polling VmHWM.
 */
export async function runLimited(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; limits: Limits }): Promise<ProcessResult> {
  const useTime = existsSync(TIME_BIN);
  const timeFile = useTime ? join(opts.cwd, `.time-${process.pid}-${Math.random().toString(36).slice(2)}`) : '';
  const cmd = useTime ? TIME_BIN : process.execPath;
  const argv = useTime ? ['-f', '%M %U %S', '-o', timeFile, process.execPath, ...args] : args;
  const started = Date.now();
  const child = spawn(cmd, argv, { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let outBytes = 0;
  let errBytes = 0;
  let stdoutTruncated = false;
  child.stdout!.on('data', (c: Buffer) => {
    if (outBytes + c.length > MAX_CAPTURE) stdoutTruncated = true;
    else out.push(c);
    outBytes += c.length;
  });
  child.stderr!.on('data', (c: Buffer) => {
    if (errBytes + c.length <= MAX_CAPTURE) err.push(c);
    errBytes += c.length;
  });
  let timedOut = false;
  let memoryKilled = false;
  let polledPeakKb = 0;
  let polledCpuMs = 0;
  let exited = false;
  const killGroup = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, opts.limits.timeoutMs * opts.limits.wallFactor);
  const poll = async (): Promise<void> => {
    while (!exited && child.pid !== undefined) {
      const pids = useTime ? await childPids(child.pid) : [child.pid];
      for (const pid of pids) {
        const m = await procMemory(pid);
        if (!m) continue;
        polledPeakKb = Math.max(polledPeakKb, m.hwm, m.rss);
        polledCpuMs = Math.max(polledCpuMs, await procCpuMs(pid));
        if (polledCpuMs > opts.limits.timeoutMs && !timedOut) {
          timedOut = true;
          killGroup();
        }
        if (m.rss > opts.limits.killMemoryMb * 1024 && !memoryKilled) {
          memoryKilled = true;
          killGroup();
        }
      }
      await new Promise((r) => setTimeout(r, 40));
    }
  };
  const polling = poll();
  const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>((resolveExit) => {
    child.once('error', () => resolveExit({ code: null, signal: 'spawn-error' }));
    child.once('close', (c, s) => resolveExit({ code: c, signal: s }));
  });
  exited = true;
  clearTimeout(timer);
  await polling;
  const ms = Date.now() - started;
  let peakKb = polledPeakKb;
  let cpuMs = polledCpuMs;
  let exitCode = code;
  let exitSignal = signal;
  if (useTime) {
    const text = await readFile(timeFile, 'utf8').catch(() => '');
    await rm(timeFile, { force: true });
    const last = text
      .trim()
      .split('\n')
      .map((l) => /^(\d+) ([\d.]+) ([\d.]+)$/.exec(l.trim()))
      .filter((m) => m !== null)
      .pop();
    if (last) {
      peakKb = Math.max(peakKb, Number(last[1]));
      cpuMs = Math.max(cpuMs, Math.round((Number(last[2]) + Number(last[3])) * 1000));
    }
    const sig = /terminated by signal (\d+)/.exec(text);
    if (sig) {
      exitCode = null;
      exitSignal = `signal ${sig[1]}`;
    }
  }
  return {
    code: exitCode,
    signal: exitSignal,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    ms,
    cpuMs,
    peakMb: Math.round(peakKb / 1024),
    timedOut,
    memoryKilled,
    stdoutTruncated,
  };
}

/* ------------------------------------------------------------------ the CLI under test */

export interface CliHandle {
  /** The built CLI bundle. */
  cli: string;
  /** A work folder holding the report the import and aggregate commands use, and the cases' files. */
  work: string;
  /** The sample report with its figures cleared: every imported figure shows as a change. */
  report: string;
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

/**
 * Builds the CLI once into a temporary folder (node_modules reached through NODE_PATH: the bundle leaves exceljs,
 * yauzl, saxes and pdfkit external) and writes the report the commands import into.
 */
export async function prepareCli(opts: { cli?: string } = {}): Promise<CliHandle> {
  const work = await mkdtemp(join(tmpdir(), 'fuzz-'));
  const cli = opts.cli ?? (await buildElectron({ outDir: join(work, 'out') })).cli;
  const report = join(work, 'bao-cao.json');
  await writeFile(report, serializeReport(clearFigures(loadSample())));
  const env = { ...process.env, NODE_PATH: join(ROOT, 'node_modules') };
  return { cli, work, report, env, dispose: () => rm(work, { recursive: true, force: true }) };
}

function commandArgs(h: CliHandle, command: FuzzCommand, file: string, outFile: string): string[] {
  switch (command) {
    case 'inspect':
      return [h.cli, 'inspect', file, '--json', '--into', h.report];
    case 'import':
      return [h.cli, 'import', file, '--into', h.report, '--out', outFile];
    case 'aggregate':
      return [h.cli, 'aggregate', file, '--period', PERIOD, '--json', '--into', h.report];
  }
}

/* ------------------------------------------------------------------ figures */

const sortedJson = (items: unknown[]): string => JSON.stringify(items.map((i) => JSON.stringify(i)).sort());

/** Every leaf of a JSON value as "path = value" (a written report compared item by item). */
function flatten(v: unknown, path: string): string[] {
  if (v !== null && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    if (entries.length === 0) return [`${path} = ${JSON.stringify(v)}`];
    return entries.flatMap(([k, x]) => flatten(x, path ? `${path}.${k}` : k));
  }
  return [`${path} = ${JSON.stringify(v)}`];
}

/**
 * The figures an accepted run produced, as one canonical string: the preview's changes (inspect), the written report
 * (import), the per-unit figures (aggregate). Null when the output cannot be read.
 */
async function figuresOf(command: FuzzCommand, res: ProcessResult, outFile: string): Promise<string | null> {
  try {
    if (command === 'import') return sortedJson(flatten(JSON.parse(await readFile(outFile, 'utf8')) as unknown, ''));
    if (res.stdoutTruncated) return null;
    const parsed = JSON.parse(res.stdout) as {
      preview?: { changes: { change: { target: unknown; after: unknown }; place: string; unit: string | null; column: string | null }[] };
      perUnit?: unknown[];
    };
    if (command === 'inspect') {
      return sortedJson((parsed.preview?.changes ?? []).map((c) => ({ target: c.change.target, after: c.change.after, place: c.place, unit: c.unit, column: c.column })));
    }
    return sortedJson(parsed.perUnit ?? []);
  } catch {
    return null;
  }
}

/** A short account of how two figure strings differ (first differing item or line). */
function describeDifference(expected: string, got: string): string {
  let a: string[];
  let b: string[];
  try {
    a = (JSON.parse(expected) as unknown[]).map(String);
    b = (JSON.parse(got) as unknown[]).map(String);
  } catch {
    a = expected.split('\n');
    b = got.split('\n');
  }
  const setA = new Set(a);
  const setB = new Set(b);
  const missing = a.filter((x) => !setB.has(x));
  const extra = b.filter((x) => !setA.has(x));
  const cut = (s: string): string => (s.length > 160 ? s.slice(0, 160) + '…' : s.trim());
  return `expected ${a.length} items, got ${b.length}; missing ${missing.length}${missing[0] ? ` (${cut(missing[0])})` : ''}; unexpected ${extra.length}${extra[0] ? ` (${cut(extra[0])})` : ''}`;
}

/* ------------------------------------------------------------------ classification */

/** A refusal the clerk can use: exit 2, one line, Vietnamese, no stack trace, not the "unexpected error" wording. */
export function isCleanRefusalText(stderr: string): { clean: boolean; why: string } {
  const text = stderr.trim();
  if (text === '') return { clean: false, why: 'no message' };
  if (text.includes('\n')) return { clean: false, why: 'more than one line' };
  if (/\bat .+:\d+:\d+\)?$|^\s*at /m.test(text) || /Error:|TypeError|RangeError/.test(text)) return { clean: false, why: 'stack trace or raw error' };
  if (text.includes('Lỗi không mong đợi')) return { clean: false, why: '"Lỗi không mong đợi"' };
  if (!/[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i.test(text)) return { clean: false, why: 'not Vietnamese' };
  return { clean: true, why: '' };
}

export interface Outcome {
  verdict: Verdict;
  /** The refusal line, or what differs, or why it counts as a crash. */
  note: string;
  ms: number;
  cpuMs: number;
  peakMb: number;
  /** The figures of an acceptance (canonical string). */
  figures: string | null;
  exit: string;
}

const firstLine = (s: string): string => {
  const line = s.trim().split('\n')[0] ?? '';
  return line.length > 200 ? line.slice(0, 200) + '…' : line;
};

/**
 * Classifies one run. `expected` holds the reference files' outcomes for the same command (an acceptance is correct
 * when its figures equal an accepted reference's); null when this run is itself a reference.
 */
async function classify(command: FuzzCommand, res: ProcessResult, outFile: string, limits: Limits, expected: Outcome[] | null): Promise<Outcome> {
  const base = { ms: res.ms, cpuMs: res.cpuMs, peakMb: res.peakMb, exit: res.signal ?? String(res.code), figures: null as string | null };
  if (res.memoryKilled || res.peakMb > limits.memoryMb) return { ...base, verdict: 'over-memory', note: `peak ${res.peakMb} MB${res.memoryKilled ? ' (killed)' : ''}` };
  if (res.timedOut) return { ...base, verdict: 'hang', note: `killed after ${res.cpuMs} ms of CPU, ${res.ms} ms in all` };
  if (res.signal !== null || res.code === null || (res.code !== 0 && res.code !== 1 && res.code !== 2)) {
    return { ...base, verdict: 'crash', note: `exit ${base.exit}: ${firstLine(res.stderr)}` };
  }
  if (res.code !== 0) {
    const c = isCleanRefusalText(res.stderr);
    if (res.code === 2 && c.clean) return { ...base, verdict: 'clean refusal', note: firstLine(res.stderr) };
    return { ...base, verdict: 'unclean refusal', note: `exit ${res.code}, ${c.why || 'exit code'}: ${firstLine(res.stderr)}` };
  }
  const figures = await figuresOf(command, res, outFile);
  if (figures === null) return { ...base, verdict: 'wrong acceptance', note: 'exit 0 but the output cannot be read' };
  if (expected === null) return { ...base, verdict: 'correct acceptance', note: '', figures };
  const accepted = expected.filter((e) => e.figures !== null);
  if (accepted.length === 0) return { ...base, verdict: 'wrong acceptance', note: `accepted, but the reference is not (${expected.map((e) => e.verdict).join(', ')})`, figures };
  if (accepted.some((e) => e.figures === figures)) return { ...base, verdict: 'correct acceptance', note: '', figures };
  return { ...base, verdict: 'wrong acceptance', note: describeDifference(accepted[0]!.figures!, figures), figures };
}

/* ------------------------------------------------------------------ running cases */

export interface CaseResult {
  fuzzCase: FuzzCase;
  outcomes: Partial<Record<FuzzCommand, Outcome>>;
}

export interface Runner {
  handle: CliHandle;
  limits: Limits;
  runCase(c: FuzzCase): Promise<CaseResult>;
}

let dirCounter = 0;

/** Runs one command on one file (written to a fresh folder under the same name as its reference). */
async function runOne(h: CliHandle, limits: Limits, command: FuzzCommand, name: string, bytes: Buffer, expected: Outcome[] | null): Promise<Outcome> {
  const dir = join(h.work, `run-${++dirCounter}`);
  await mkdir(dir, { recursive: true });
  const file = join(dir, name);
  const outFile = join(dir, 'ket-qua.json');
  await writeFile(file, bytes);
  try {
    const res = await runLimited(commandArgs(h, command, file, outFile), { cwd: dir, env: h.env, limits });
    return await classify(command, res, outFile, limits, expected);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Runs one command on an undamaged reference file in this process (the same CLI code, without a child's start-up
 * cost): references are the originals the cases are compared with, not what is under test.
 */
async function runReference(h: CliHandle, command: FuzzCommand, name: string, bytes: Buffer): Promise<Outcome> {
  const dir = join(h.work, `ref-${++dirCounter}`);
  await mkdir(dir, { recursive: true });
  const file = join(dir, name);
  const outFile = join(dir, 'ket-qua.json');
  await writeFile(file, bytes);
  try {
    let stdout = '';
    let stderr = '';
    const started = Date.now();
    const code = await runCli(commandArgs(h, command, file, outFile).slice(1), {
      stdout: (t) => (stdout += t.endsWith('\n') ? t : t + '\n'),
      stderr: (t) => (stderr += t.endsWith('\n') ? t : t + '\n'),
    });
    const ms = Date.now() - started;
    const res: ProcessResult = { code, signal: null, stdout, stderr, ms, cpuMs: ms, peakMb: 0, timedOut: false, memoryKilled: false, stdoutTruncated: false };
    return await classify(command, res, outFile, DEFAULT_LIMITS, null);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A runner over one built CLI; reference outcomes are computed once per reference file and command. */
export function createRunner(handle: CliHandle, limits: Limits = DEFAULT_LIMITS): Runner {
  const references = new Map<string, Promise<Outcome>>();
  const reference = (c: FuzzCase, ref: RefFile, command: FuzzCommand): Promise<Outcome> => {
    const key = `${ref.key}|${c.fileName}|${command}`;
    let p = references.get(key);
    if (!p) {
      p = runReference(handle, command, c.fileName, ref.bytes);
      references.set(key, p);
    }
    return p;
  };
  return {
    handle,
    limits,
    async runCase(c) {
      const outcomes: CaseResult['outcomes'] = {};
      for (const command of c.commands ?? COMMANDS) {
        const expected = await Promise.all(c.refs.map((r) => reference(c, r, command)));
        // No reference (a file replayed on its own): an acceptance is reported, its figures unchecked.
        const outcome = await runOne(handle, limits, command, c.fileName, c.bytes, c.refs.length > 0 ? expected : null);
        // A reference that is neither accepted nor cleanly refused is a fault of the reader on an undamaged file: say so.
        const badRefs = expected.map((e, i) => [e, c.refs[i]!.key] as const).filter(([e]) => !ACCEPTABLE.includes(e.verdict));
        if (badRefs.length > 0) outcome.note += ` (reference ${badRefs.map(([e, k]) => `${k}: ${e.verdict} ${e.note}`).join('; ')})`;
        outcomes[command] = outcome;
      }
      return { fuzzCase: c, outcomes };
    },
  };
}

/** Runs cases `jobs` at a time, in order of the list; `onResult` sees each finished case. */
export async function runCases(runner: Runner, cases: FuzzCase[], jobs: number, onResult?: (r: CaseResult, done: number) => void): Promise<CaseResult[]> {
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runner.runCase(cases[i]!);
      done++;
      onResult?.(results[i]!, done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

/* ------------------------------------------------------------------ reporting */

export interface Row {
  id: string;
  family: string;
  mutation: string;
  command: FuzzCommand;
  outcome: Outcome;
}

export function rowsOf(results: CaseResult[]): Row[] {
  return results.flatMap((r) =>
    COMMANDS.filter((c) => r.outcomes[c]).map((command) => ({ id: r.fuzzCase.id, family: r.fuzzCase.family, mutation: r.fuzzCase.mutation, command, outcome: r.outcomes[command]! })),
  );
}

const SHORT: Record<Verdict, string> = {
  'clean refusal': 'refused',
  'correct acceptance': 'accepted',
  'wrong acceptance': 'WRONG',
  'unclean refusal': 'UNCLEAN',
  hang: 'HANG',
  crash: 'CRASH',
  'over-memory': 'OVER-MEM',
};

/** The classification table: one line per family (and a total), runs per verdict, peak memory and slowest run. */
export function classificationTable(rows: Row[]): string {
  const families = [...new Set(rows.map((r) => r.family))].sort();
  const header = ['family', 'runs', ...VERDICTS.map((v) => SHORT[v]), 'peak MB', 'max CPU ms'];
  const line = (name: string, rs: Row[]): string[] => [
    name,
    String(rs.length),
    ...VERDICTS.map((v) => String(rs.filter((r) => r.outcome.verdict === v).length)),
    String(Math.max(0, ...rs.map((r) => r.outcome.peakMb))),
    String(Math.max(0, ...rs.map((r) => r.outcome.cpuMs))),
  ];
  const table = [header, ...families.map((f) => line(f, rows.filter((r) => r.family === f))), line('TOTAL', rows)];
  const widths = header.map((_, i) => Math.max(...table.map((t) => t[i]!.length)));
  return table.map((t) => t.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

/** One line per run that is not a clean refusal or a correct acceptance. */
export function failureLines(rows: Row[]): string[] {
  return rows
    .filter((r) => !ACCEPTABLE.includes(r.outcome.verdict))
    .map((r) => `${SHORT[r.outcome.verdict].padEnd(8)} ${r.command.padEnd(9)} ${r.id} — ${r.mutation}: ${r.outcome.note} [${r.outcome.cpuMs} ms CPU, ${r.outcome.ms} ms, ${r.outcome.peakMb} MB]`);
}
