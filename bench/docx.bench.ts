// Benchmark of the Word (DOCX) export, warm: the sample report (target < 300 ms) and a generated 130-commune province report (target < 1,5 s).
// Run: npx tsx bench/docx.bench.ts (npm run bench:docx) [--runs N]
import { loadSample } from '../core/model/report';
import type { Report } from '../core/model/schema';
import { renderReportDocx } from '../core/docx/render';
import { makeBigReport } from '../test/helpers/big-report';

interface Case {
  name: string;
  report: Report;
  targetMs: number;
  runs: number;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function measure(c: Case): Promise<{ median: number; p90: number; min: number; bytes: number }> {
  // Warm up: fonts read and parsed for measuring, code compiled.
  for (let i = 0; i < 3; i++) await renderReportDocx(c.report, { mode: 'final' });
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < c.runs; i++) {
    const t0 = performance.now();
    const docx = await renderReportDocx(c.report, { mode: 'final' });
    times.push(performance.now() - t0);
    bytes = docx.byteLength;
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p90: percentile(times, 90), min: times[0]!, bytes };
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
  const cases: Case[] = [
    { name: 'sample (UBND TP Bắc Kạn, 19 units)', report: loadSample(), targetMs: 300, runs },
    { name: 'province, 20 departments + 130 communes', report: makeBigReport(), targetMs: 1500, runs: Math.max(3, Math.round(runs / 3)) },
  ];
  let failed = false;
  for (const c of cases) {
    const r = await measure(c);
    const ok = r.median < c.targetMs;
    if (!ok) failed = true;
    console.log(
      `${ok ? 'PASS' : 'FAIL'}  ${c.name}: median ${r.median.toFixed(0)} ms, p90 ${r.p90.toFixed(0)} ms, min ${r.min.toFixed(0)} ms ` +
        `(target < ${c.targetMs} ms, ${c.runs} runs, ${(r.bytes / 1024).toFixed(0)} KiB)`,
    );
  }
  if (failed) process.exitCode = 1;
}

void main();
