// The export benchmarks' common part: the sample and a generated 130-commune province report, rendered warm, median against the target.
import { loadSample } from '../core/model/report';
import type { Report } from '../core/model/schema';
import { makeBigReport } from '../test/helpers/big-report';

/** Renders a final copy of a report to bytes. */
export type Render = (report: Report) => Promise<Uint8Array>;

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

async function measure(c: Case, render: Render): Promise<{ median: number; p90: number; min: number; bytes: number }> {
  // Warm up: fonts read and parsed, code compiled, word shapes cached.
  for (let i = 0; i < 3; i++) await render(c.report);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < c.runs; i++) {
    const t0 = performance.now();
    const out = await render(c.report);
    times.push(performance.now() - t0);
    bytes = out.byteLength;
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p90: percentile(times, 90), min: times[0]!, bytes };
}

/** Runs the two cases (sample < 300 ms, 130-commune province < 1,5 s) through `render`, warm; exit code 1 when a target is missed. */
export async function runExportBench(render: Render): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
  const cases: Case[] = [
    { name: 'sample (UBND TP Bắc Kạn, 19 units)', report: loadSample(), targetMs: 300, runs },
    { name: 'province, 20 departments + 130 communes', report: makeBigReport(), targetMs: 1500, runs: Math.max(3, Math.round(runs / 3)) },
  ];
  let failed = false;
  for (const c of cases) {
    const r = await measure(c, render);
    const ok = r.median < c.targetMs;
    if (!ok) failed = true;
    console.log(
      `${ok ? 'PASS' : 'FAIL'}  ${c.name}: median ${r.median.toFixed(0)} ms, p90 ${r.p90.toFixed(0)} ms, min ${r.min.toFixed(0)} ms ` +
        `(target < ${c.targetMs} ms, ${c.runs} runs, ${(r.bytes / 1024).toFixed(0)} KiB)`,
    );
  }
  if (failed) process.exitCode = 1;
}

