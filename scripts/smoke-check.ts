// Checks the OUT.json of a smoke run (`BaoCao766 --smoke-test OUT.json`): prints every step and exits 0 only when the
// file is a smoke report, every step held, and the main-side and renderer-side steps are all there. Used by CI.
//
//   npx tsx scripts/smoke-check.ts OUT.json
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { SmokeStepSchema } from '../core/api/smoke';

/** Steps a complete run has: main's window checks and files, and the renderer's walk (renderer/smoke.ts). */
export const REQUIRED_STEPS = [
  'window.contextIsolation',
  'window.sandbox',
  'window.nodeIntegration',
  'window.webSecurity',
  'page.noRequire',
  'page.noProcess',
  'page.csp',
  'library.list',
  'library.open',
  'report.edit',
  'report.save',
  'library.reopen',
  'export.pdf',
  'export.xlsx',
  'badArgs.refused',
  'file.smoke.pdf',
  'file.smoke.xlsx',
] as const;

const ReportSchema = z.object({ ok: z.boolean(), steps: z.array(SmokeStepSchema) }).strict();

/** The problems of a smoke report's text (empty: the run held). */
export function checkSmokeReport(text: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return ['OUT.json is not JSON'];
  }
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) return [`OUT.json is not a smoke report: ${parsed.error.issues[0]?.message ?? ''}`];
  const { ok, steps } = parsed.data;
  const problems = steps.filter((s) => !s.ok).map((s) => `step ${s.name} failed: ${s.detail}`);
  const names = new Set(steps.map((s) => s.name));
  for (const name of REQUIRED_STEPS) if (!names.has(name)) problems.push(`step ${name} is missing`);
  if (!ok) problems.push('the report says ok: false');
  return problems;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 1) {
    console.error('Cách dùng: npx tsx scripts/smoke-check.ts OUT.json');
    return 2;
  }
  let text: string;
  try {
    text = await readFile(argv[0]!, 'utf8');
  } catch {
    console.error(`Không đọc được ${argv[0]}: lần chạy thử không ghi kết quả.`);
    return 1;
  }
  try {
    const report = JSON.parse(text) as { steps?: { name: string; ok: boolean; detail: string }[] };
    for (const s of report.steps ?? []) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name}: ${s.detail}`);
  } catch {
    // Reported below.
  }
  const problems = checkSmokeReport(text);
  for (const p of problems) console.error(p);
  return problems.length ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
