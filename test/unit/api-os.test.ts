// Tests of the os.* calls: opening an exported file or its folder goes through the shell main provides, only for files the app exported to a path a dialog returned.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSample } from '../../core/model/report';
import { createTestRuntime, testDialogs } from '../helpers/runtime';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function runtime(withShell: boolean) {
  dir = await mkdtemp(join(tmpdir(), 'bc766-os-'));
  const saved = join(dir, 'BC-364-UBND-2024-07.xlsx');
  const answers = testDialogs();
  answers.saveFile.push(saved);
  const rt = createTestRuntime(join(dir, 'library'), undefined, answers, { enforceGrants: true, shell: withShell });
  return { rt, opened: answers.shellCalls, saved };
}

describe('os.openPath and os.showInFolder', () => {
  it('open a file exported to a path returned by the save dialog and refuse any other path', async () => {
    const { rt, opened, saved } = await runtime(true);
    const refused = await rt.call('os.openPath', { path: join(dir, 'other.pdf') });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('PATH_NOT_GRANTED');
    expect(opened).toEqual([]);
    await rt.call('dialog.saveFile', { purpose: 'xlsx', defaultName: 'BC-364-UBND-2024-07.xlsx' });
    expect(await rt.call('export.xlsx', { report: loadSample(), path: saved })).toEqual({ ok: true, result: { path: saved } });
    expect(await rt.call('os.openPath', { path: saved })).toEqual({ ok: true, result: null });
    expect(await rt.call('os.showInFolder', { path: saved })).toEqual({ ok: true, result: null });
    expect(opened).toEqual([`open:${saved}`, `folder:${saved}`]);
  });

  it('without a shell, say so in Vietnamese instead of failing silently', async () => {
    const { rt, saved } = await runtime(false);
    await rt.call('dialog.saveFile', { purpose: 'xlsx', defaultName: 'a.xlsx' });
    await rt.call('export.xlsx', { report: loadSample(), path: saved });
    const res = await rt.call('os.showInFolder', { path: saved });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('NO_SHELL');
      expect(res.error.message).toMatch(/trình quản lý tệp/);
    }
  });
});
