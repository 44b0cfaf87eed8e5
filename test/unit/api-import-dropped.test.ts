// Tests of import.previewDropped: files dropped on the window arrive as bytes and give the same preview as the same file chosen in the dialog.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSample, clearFigures } from '../../core/model/report';
import { createTestRuntime, testDialogs } from '../helpers/runtime';
import { clerkOnTimeWorkbook } from '../helpers/workbooks';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function setup() {
  dir = await mkdtemp(join(tmpdir(), 'bc766-drop-'));
  const file = join(dir, 'Đúng hạn.xlsx');
  const bytes = await clerkOnTimeWorkbook();
  await writeFile(file, bytes);
  const answers = testDialogs();
  answers.openFile.push([file]);
  const rt = createTestRuntime(join(dir, 'library'), undefined, answers, { enforceGrants: true });
  return { rt, file, bytes };
}

describe('import.previewDropped', () => {
  it('reads dropped bytes like the chosen file, with the confirmed names, and needs no granted path', async () => {
    const { rt, file, bytes } = await setup();
    const report = clearFigures(loadSample());
    const dropped = await rt.call('import.previewDropped', {
      report,
      files: [{ name: 'Đúng hạn.xlsx', data: new Uint8Array(bytes) }],
      confirmed: { 'Phường Huyền Tung': 'p-huyen-tung' },
    });
    expect(dropped.ok).toBe(true);
    await rt.call('dialog.openFile', { purpose: 'import' });
    const chosen = await rt.call('import.preview', { report, paths: [file], confirmed: { 'Phường Huyền Tung': 'p-huyen-tung' } });
    if (!dropped.ok || !chosen.ok) throw new Error('preview failed');
    expect(dropped.result.patch).toEqual(chosen.result.patch);
    expect(dropped.result.aliases).toEqual([{ unitId: 'p-huyen-tung', alias: 'Phường Huyền Tung' }]);
    expect(dropped.result.sources[0]!.file).toBe('Đúng hạn.xlsx');
  });

  it('a dropped file that is no spreadsheet gets the importer’s Vietnamese message', async () => {
    const { rt } = await setup();
    const res = await rt.call('import.previewDropped', { report: loadSample(), files: [{ name: 'ghi-chu.xlsx', data: new TextEncoder().encode('không phải Excel') }] });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.message).toMatch(/ghi-chu\.xlsx/);
      expect(res.error.message).not.toMatch(/\n\s+at /);
    }
  });
});
