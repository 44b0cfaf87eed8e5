// Runs Electronegativity on the built main and preload JavaScript (Electron 45.5.0), checks every file was parsed, and fails on any HIGH finding.
//
// Electronegativity skips files it cannot parse and always exits 0, and it only scans .js/.jsx/.ts/.tsx/.html
// files (not .cjs), so this script copies the bundles into a staging folder as .js, runs it programmatically,
// treats every non-tolerable parse error as a failure, and counts the findings itself.
// Usage: npx tsx scripts/electronegativity.ts [--no-build] [--json]
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ELECTRON_VERSION = '45.5.0';

interface EngIssue {
  file: string;
  id: string;
  description: string;
  severity: { name: string };
  confidence: { name: string };
  location: { line: number; column: number };
  manualReview: boolean;
}
interface EngResult {
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: EngIssue[];
}
type Run = (options: Record<string, unknown>, forCli?: boolean) => Promise<EngResult>;

export interface ScanSummary {
  files: string[];
  unparsed: { file: string; message: string }[];
  bySeverity: Record<string, number>;
  high: EngIssue[];
  issues: EngIssue[];
}

/** Scans the given bundles (copied as .js into a staging folder) and summarises. */
export async function scan(bundles: { from: string; as: string }[]): Promise<ScanSummary> {
  const stage = await mkdtemp(join(tmpdir(), 'bc766-eng-'));
  try {
    const files: string[] = [];
    for (const b of bundles) {
      const to = join(stage, b.as);
      await mkdir(dirname(to), { recursive: true });
      await copyFile(b.from, to);
      files.push(to);
    }
    const require = createRequire(import.meta.url);
    const run = require('@doyensec/electronegativity') as Run;
    // The scanner logs a little even when not in CLI mode; keep stdout for our own summary.
    const log = console.log;
    console.log = () => undefined;
    let result: EngResult;
    try {
      result = await run(
        {
          input: stage,
          output: undefined,
          isSarif: false,
          customScan: [],
          excludeFromScan: [],
          severitySet: undefined,
          confidenceSet: undefined,
          isRelative: false,
          isVerbose: false,
          electronUpgrade: undefined,
          electronVersionOverride: ELECTRON_VERSION,
          parserPlugins: [],
        },
        false,
      );
    } finally {
      console.log = log;
    }
    const rel = (f: string) => relative(stage, f);
    const unparsed = result.errors.filter((e) => !e.tolerable).map((e) => ({ file: rel(e.file), message: e.message }));
    const bySeverity: Record<string, number> = {};
    for (const i of result.issues) bySeverity[i.severity.name] = (bySeverity[i.severity.name] ?? 0) + 1;
    const issues = result.issues.map((i) => ({ ...i, file: rel(i.file) }));
    return {
      files: files.map(rel),
      unparsed,
      bySeverity,
      high: issues.filter((i) => i.severity.name === 'HIGH'),
      issues,
    };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  if (!process.argv.includes('--no-build')) await buildElectron();
  const summary = await scan([
    { from: join(ROOT, 'out', 'main', 'main.js'), as: 'main/main.js' },
    { from: join(ROOT, 'out', 'preload', 'preload.cjs'), as: 'preload/preload.js' },
  ]);
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  } else {
    process.stdout.write(`Electronegativity (Electron ${ELECTRON_VERSION}) trên ${summary.files.join(', ')}\n`);
    for (const i of summary.issues) {
      process.stdout.write(`  ${i.severity.name.padEnd(13)} ${i.confidence.name.padEnd(10)} ${i.id} ${i.file}:${i.location.line}:${i.location.column}\n`);
    }
    const counts = Object.entries(summary.bySeverity)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    process.stdout.write(`Phát hiện: ${counts || 'không có'}\n`);
  }
  let failed = false;
  if (summary.unparsed.length > 0) {
    failed = true;
    for (const u of summary.unparsed) process.stderr.write(`Không phân tích được ${u.file}: ${u.message}\n`);
  }
  if (summary.high.length > 0) {
    failed = true;
    process.stderr.write(`Có ${summary.high.length} phát hiện mức HIGH: ${summary.high.map((h) => h.id).join(', ')}\n`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`Electronegativity không chạy được: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
