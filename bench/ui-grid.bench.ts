// Benchmark of the report screen in Chromium with a 130-commune report: first render (target < 1 s) and a grid keystroke (target < 50 ms).
// Run: npx tsx bench/ui-grid.bench.ts   (builds the renderer first; E2E_SKIP_BUILD=1 reuses out/renderer)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runChecks } from '../core/rules';
import { buildRenderer, launchChromium, openApp } from '../test/helpers/browser';
import { makeBigReport } from '../test/helpers/big-report';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const max = (xs: number[]): number => Math.max(...xs);

async function main(): Promise<void> {
  await buildRenderer();
  const root = await mkdtemp(join(tmpdir(), 'bc766-bench-'));
  const browser = await launchChromium();
  try {
    const app = await openApp(browser, join(root, 'library'));
    const { page, runtime } = app;
    const [sample] = await runtime.library.list();
    const dup = await runtime.library.duplicate(sample!.id);
    const big = makeBigReport({ communes: 130 });
    big.id = dup.id;
    big.isSample = false;
    await runtime.library.save(dup.id, dup.revision, big);
    const onTime = big.tables.find((t) => t.kind === 'onTime')!;
    const checksMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      runChecks(big);
      checksMs.push(performance.now() - t0);
    }

    // First render: from Enter in the library to the report screen, then to the section holding the on-time table.
    const openMs: number[] = [];
    const sectionMs: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.reload();
      await page.locator('.library-table').waitFor();
      await page.locator(`.library-table tr[data-id="${dup.id}"]`).click();
      const t0 = performance.now();
      await page.keyboard.press('Enter');
      await page.locator('.sections-nav').waitFor();
      await page.locator('.findings-summary').waitFor();
      openMs.push(performance.now() - t0);
      const t1 = performance.now();
      await page.keyboard.press('Alt+3');
      await page.locator(`.table-block[data-table="${onTime.id}"] td[data-r="${onTime.rows.length - 1}"]`).waitFor();
      sectionMs.push(performance.now() - t1);
    }

    // Keystrokes: the browser's Event Timing API reports every input event slower than 16 ms (input delay + handlers +
    // next paint). Typing characters, Enter (commit: checks rerun, row re-renders) and arrows over 40 cells.
    await page.evaluate(`(() => {
      window.__slow = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__slow.push({ name: e.name, duration: e.duration, processing: e.processingEnd - e.processingStart, delay: e.processingStart - e.startTime }); })
        .observe({ type: 'event', durationThreshold: 16, buffered: false });
    })()`);
    const firstUnit = onTime.rows[onTime.rows.length - 60]!.unitId;
    await page.locator(`.table-block[data-table="${onTime.id}"] td[data-unit="${firstUnit}"][data-col="${onTime.columns[0]!.id}"]`).click();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async (): Promise<Record<string, number>> =>
      Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));
    const m0 = await metrics();
    const wall: number[] = [];
    let keys = 0;
    for (let i = 0; i < 40; i++) {
      const value = `${90 + (i % 10)},${i % 10}${(i * 7) % 10}`;
      for (const ch of value) {
        const t0 = performance.now();
        await page.keyboard.press(ch);
        wall.push(performance.now() - t0);
        keys++;
      }
      const t0 = performance.now();
      await page.keyboard.press('Enter');
      wall.push(performance.now() - t0);
      keys++;
    }
    const m1 = await metrics();
    const per = (k: string): string => (((m1[k] ?? 0) - (m0[k] ?? 0)) * (k.endsWith('Duration') ? 1000 : 1) / keys).toFixed(2);
    const breakdown = `per keystroke: task ${per('TaskDuration')} ms, script ${per('ScriptDuration')} ms, layout ${per('LayoutDuration')} ms (${per('LayoutCount')} layouts), style ${per('RecalcStyleDuration')} ms`;
    await page.waitForTimeout(500);
    const slow = (await page.evaluate('window.__slow')) as { name: string; duration: number; processing: number; delay: number }[];
    const slowKey = slow.filter((e) => e.name.startsWith('key') || e.name === 'input' || e.name === 'beforeinput');
    const byName = new Map<string, { d: number; p: number; q: number }[]>();
    for (const e of slowKey) byName.set(e.name, [...(byName.get(e.name) ?? []), { d: e.duration, p: e.processing, q: e.delay }]);
    const findingsCount = runChecks(big).length;
    await app.close();

    console.log('Báo cáo 766 — report screen with 130 communes (' + onTime.rows.length + ' rows per table), Chromium headless');
    console.log(`  runChecks on the report:              median ${median(checksMs).toFixed(1)} ms, max ${max(checksMs).toFixed(1)} ms`);
    console.log(`  open report (Enter → screen + checks): median ${median(openMs).toFixed(0)} ms, max ${max(openMs).toFixed(0)} ms  (target < 1000 ms)`);
    console.log(`  switch to section 2 with two grids:    median ${median(sectionMs).toFixed(0)} ms, max ${max(sectionMs).toFixed(0)} ms`);
    console.log(`  keystrokes typed: ${keys}; round trip per key via CDP: median ${median(wall).toFixed(1)} ms, max ${max(wall).toFixed(1)} ms`);
    console.log(
      `  key/input events slower than 16 ms (Event Timing): ${slowKey.length}` +
        (slowKey.length ? `, worst ${max(slowKey.map((e) => e.duration)).toFixed(0)} ms (target < 50 ms)` : ' (all keystrokes under 16 ms; target < 50 ms)'),
    );
    console.log(`  findings on the report: ${findingsCount}`);
    console.log(`  main-thread work ${breakdown}`);
    const kd = (byName.get('keydown') ?? []).map((e) => e.p).sort((a, b) => b - a);
    console.log(`    keydown handler times, top 40 (the Enters): median ${median(kd.slice(0, 40)).toFixed(1)} ms`);
    for (const [name, es] of byName) {
      const d = es.map((e) => e.d);
      const p = es.map((e) => e.p);
      const q = es.map((e) => e.q);
      console.log(`    ${name}: ${es.length} slow; duration median ${median(d).toFixed(0)} / max ${max(d).toFixed(0)} ms; handlers median ${median(p).toFixed(1)} / max ${max(p).toFixed(1)} ms; input delay median ${median(q).toFixed(1)} ms`);
    }
  } finally {
    await browser.close();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
