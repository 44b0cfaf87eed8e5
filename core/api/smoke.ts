// Smoke mode (`--smoke-test OUT.json`): the step record, the argument rule, the window checks and the exit code (pure; used by main and the renderer).
import { z } from 'zod';

/** One checked step of the smoke run. */
export const SmokeStepSchema = z
  .object({ name: z.string().min(1).max(100), ok: z.boolean(), detail: z.string().max(10_000) })
  .strict();
export type SmokeStep = z.infer<typeof SmokeStepSchema>;

export const SMOKE_FLAG = '--smoke-test';

/**
 * The OUT.json path when `--smoke-test OUT.json` (or `--smoke-test=OUT.json`) is on the command line, else null.
 * A flag without a path is an error message (smoke mode is never entered implicitly).
 */
export function smokeOutPath(argv: readonly string[]): { out: string } | { error: string } | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === SMOKE_FLAG) {
      const next = argv[i + 1];
      return next && !next.startsWith('--') ? { out: next } : { error: `${SMOKE_FLAG} cần đường dẫn tệp kết quả (OUT.json).` };
    }
    if (a.startsWith(`${SMOKE_FLAG}=`)) {
      const v = a.slice(SMOKE_FLAG.length + 1);
      return v ? { out: v } : { error: `${SMOKE_FLAG} cần đường dẫn tệp kết quả (OUT.json).` };
    }
  }
  return null;
}

/** Steps checking the live window's security settings (what `webContents.getLastWebPreferences()` reports). */
export function webPreferenceSteps(prefs: Record<string, unknown> | null | undefined, source = 'webPreferences'): SmokeStep[] {
  const want: [string, unknown][] = [
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['webSecurity', true],
  ];
  return want.map(([key, value]) => {
    const got = prefs?.[key];
    return { name: `window.${key}`, ok: got === value, detail: `${key} = ${String(got)} (expected ${String(value)}; from ${source})` };
  });
}

/** The document the smoke run writes to OUT.json. */
export interface SmokeReport {
  ok: boolean;
  steps: SmokeStep[];
}

export function smokeReport(steps: readonly SmokeStep[]): SmokeReport {
  return { ok: steps.length > 0 && steps.every((s) => s.ok), steps: [...steps] };
}

/** 0 only when every step held; 1 otherwise (2 is the watchdog's). */
export function smokeExitCode(report: SmokeReport): 0 | 1 {
  return report.ok ? 0 : 1;
}

export const SMOKE_WATCHDOG_MS = 60_000;
export const SMOKE_WATCHDOG_EXIT = 2;
