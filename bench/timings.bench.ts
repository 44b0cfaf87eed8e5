// Timings that used to be asserted inside tests (tests assert behaviour only):
//   - the atomic writer's default retry window when a rename keeps failing (EPERM: antivirus, a file open in Excel),
//     expected between 1,5 and 4 s (test/unit/atomic-writer.test.ts checks the 11 attempts);
//   - matching a million unit names (test/unit/text-names.test.ts checks every written form matches), target < 2 s.
// `npx tsx bench/timings.bench.ts` prints both with their targets; exit 1 when one is outside its target.
import * as fsp from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileLockedError, writeFileAtomic, type AtomicFs } from '../core/files/atomic';
import { loadSample } from '../core/model/report';
import { createUnitMatcher } from '../core/text/names';

const seconds = (ms: number): string => (ms / 1000).toFixed(2).replace('.', ',');

async function retryWindow(): Promise<{ ms: number; calls: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'bc766-bench-atomic-'));
  try {
    let calls = 0;
    const fs: AtomicFs = {
      ...fsp,
      rename: async () => {
        calls++;
        throw Object.assign(new Error('EPERM: simulated'), { code: 'EPERM' });
      },
    };
    const start = performance.now();
    const error = await writeFileAtomic(join(dir, 'x.xlsx'), 'new', { fsImpl: fs }).catch((e: unknown) => e);
    const ms = performance.now() - start;
    if (!(error instanceof FileLockedError)) throw new Error('the writer did not give up with FILE_LOCKED');
    return { ms, calls };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function millionMatches(): { ms: number; found: number } {
  const units = loadSample().units.map((u) => ({ id: u.id, name: u.name, aliases: u.aliases }));
  const matcher = createUnitMatcher(units);
  const inputs = units.flatMap((u) => [`UBND ${u.name}`, u.name.toUpperCase(), u.name.normalize('NFD')]);
  const start = performance.now();
  let found = 0;
  for (let i = 0; i < 1_000_000; i++) if (matcher.match(inputs[i % inputs.length] ?? '')) found++;
  return { ms: performance.now() - start, found };
}

const retry = await retryWindow();
const match = millionMatches();
const rows = [
  { what: `atomic writer gives up after ${retry.calls} renames`, value: `${seconds(retry.ms)} s`, target: '1,5–4 s', ok: retry.ms > 1500 && retry.ms < 4000 },
  { what: `1 000 000 unit names matched (${match.found} found)`, value: `${seconds(match.ms)} s`, target: '< 2 s', ok: match.ms < 2000 },
];
for (const r of rows) console.log(`${r.ok ? 'ok  ' : 'MISS'}  ${r.what}: ${r.value} (target ${r.target})`);
process.exit(rows.every((r) => r.ok) ? 0 : 1);
