// Tests of the API's edges: path grants carry their purpose, "__proto__" keys stay data, deep nesting is BAD_ARGS, Windows reserved names are refused.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportLibrary } from '../../core/library/library';
import { isWindowsReservedName } from '../../core/files/names';
import { loadSample } from '../../core/model/report';
import { nfcDeep } from '../../core/text/normalize';
import { createTestRuntime, testDialogs } from '../helpers/runtime';

const SAMPLE = loadSample();
const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'bc766-api-edges-'));
  dirs.push(dir);
  const answers = testDialogs();
  const rt = createTestRuntime(join(dir, 'library'), undefined, answers, { enforceGrants: true });
  return { dir, answers, rt };
}

function errorCode(res: { ok: boolean; error?: { code: string } }): string | null {
  return res.ok ? null : res.error!.code;
}

describe('path grants carry their purpose', () => {
  it('a file picked for import is never overwritten by an export nor opened with the system', async () => {
    const { dir, answers, rt } = await setup();
    const picked = join(dir, 'so-lieu.xlsx');
    await writeFile(picked, 'the clerk’s workbook');
    answers.openFile.push([picked]);
    expect(await rt.call('dialog.openFile', { purpose: 'import' })).toEqual({ ok: true, result: { paths: [picked] } });
    for (const res of [
      await rt.call('export.pdf', { report: SAMPLE, path: picked }),
      await rt.call('export.xlsx', { report: SAMPLE, path: picked }),
      await rt.call('os.openPath', { path: picked }),
      await rt.call('os.showInFolder', { path: picked }),
    ]) {
      expect(errorCode(res)).toBe('PATH_NOT_GRANTED');
    }
    expect(await readFile(picked, 'utf8')).toBe('the clerk’s workbook');
    expect(answers.shellCalls).toEqual([]);
  });

  it('a save path is written by an export, then opened; it is not read as an import', async () => {
    const { dir, answers, rt } = await setup();
    const target = join(dir, 'BC-2024-07.xlsx');
    answers.saveFile.push(target);
    await rt.call('dialog.saveFile', { purpose: 'xlsx', defaultName: 'BC-2024-07.xlsx' });
    expect(errorCode(await rt.call('os.openPath', { path: target }))).toBe('PATH_NOT_GRANTED');
    expect(errorCode(await rt.call('import.preview', { report: SAMPLE, paths: [target] }))).toBe('PATH_NOT_GRANTED');
    expect(await rt.call('export.xlsx', { report: SAMPLE, path: target })).toEqual({ ok: true, result: { path: target } });
    expect(await rt.call('os.openPath', { path: target })).toEqual({ ok: true, result: null });
    expect(await rt.call('os.showInFolder', { path: target })).toEqual({ ok: true, result: null });
    expect(answers.shellCalls).toEqual([`open:${target}`, `folder:${target}`]);
  });

  it('a folder chosen for a restore is not written by a backup, and one chosen for a backup is not read by a restore', async () => {
    const { dir, answers, rt } = await setup();
    const restoreFrom = join(dir, 'usb-a');
    const backupTo = join(dir, 'usb-b');
    answers.chooseFolder.push(restoreFrom, backupTo);
    await rt.call('dialog.chooseFolder', { purpose: 'restore' });
    await rt.call('dialog.chooseFolder', { purpose: 'backup' });
    expect(errorCode(await rt.call('library.backup', { folder: restoreFrom }))).toBe('PATH_NOT_GRANTED');
    expect(errorCode(await rt.call('library.restoreBackup', { folder: backupTo }))).toBe('PATH_NOT_GRANTED');
    expect((await rt.call('library.backup', { folder: backupTo })).ok).toBe(true);
    expect(errorCode(await rt.call('library.restoreBackup', { folder: restoreFrom }))).toBe('NOT_A_BACKUP');
  });
});

describe('argument normalisation', () => {
  it('an own "__proto__" key stays a key: no inherited snapshotBefore, no snapshot', async () => {
    const { rt } = await setup();
    const opened = await rt.call('library.open', { id: SAMPLE.id });
    if (!opened.ok) throw new Error('open failed');
    const before = await rt.call('library.versions', { id: SAMPLE.id });
    // An NFD string makes normalisation copy the object (the path where the key became a prototype).
    const report = { ...opened.result.report, profile: { ...opened.result.report.profile, place: 'Bắc Kạn'.normalize('NFD') } };
    const raw = JSON.parse(
      `{"id":${JSON.stringify(SAMPLE.id)},"revision":${opened.result.revision},"report":${JSON.stringify(report)},"__proto__":{"snapshotBefore":"before-import"}}`,
    ) as unknown;
    const res = await rt.invoke('report.save', raw);
    expect(errorCode(res)).toBe('BAD_ARGS');
    const after = await rt.call('library.versions', { id: SAMPLE.id });
    expect(after).toEqual(before);

    const copy = nfcDeep(JSON.parse('{"__proto__": {"polluted": 1}, "s": "Hoa\\u0300"}') as Record<string, unknown>);
    expect(Object.keys(copy)).toEqual(['__proto__', 's']);
    expect(copy.polluted).toBeUndefined();
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('arguments nested 100 000 deep are BAD_ARGS, not a RangeError', async () => {
    const { rt } = await setup();
    let obj: unknown = 'lá';
    for (let i = 0; i < 100_000; i++) obj = { a: obj };
    let arr: unknown = [];
    for (let i = 0; i < 100_000; i++) arr = [arr];
    for (const [name, args] of [
      ['settings.set', { profile: obj }],
      ['import.pastePreview', { report: SAMPLE, text: 'x', confirmed: arr }],
      ['library.open', obj],
    ] as const) {
      const res = await rt.invoke(name, args);
      expect(errorCode(res), name).toBe('BAD_ARGS');
      if (!res.ok) expect(res.error.message).toMatch(/lồng nhau quá sâu/);
    }
    // An ordinary report is far below the limit.
    expect((await rt.call('export.pdfPreview', { report: SAMPLE })).ok).toBe(true);
  }, 30_000);
});

describe('Windows reserved names', () => {
  it('are recognised with or without extension, in any case', () => {
    for (const n of ['CON', 'nul', 'Aux', 'prn', 'COM1', 'com9', 'LPT1', 'lpt9', 'CON.pdf', 'nul.tar.gz', 'Com3.xlsx', 'AUX .pdf', 'LPT2.']) {
      expect(isWindowsReservedName(n), n).toBe(true);
    }
    for (const n of ['CONSOLE', 'CON-2024.pdf', 'COM10', 'LPT0', 'bao-cao.pdf', 'xCON', 'NULL.pdf', 'com']) {
      expect(isWindowsReservedName(n), n).toBe(false);
    }
  });

  it('are refused as report ids, proposed file names and export paths', async () => {
    const { dir, answers, rt } = await setup();
    for (const id of ['CON', 'nul', 'Com1', 'LPT9']) {
      expect(errorCode(await rt.invoke('library.open', { id })), id).toBe('BAD_ARGS');
      expect(errorCode(await rt.invoke('library.newReport', { period: { kind: 'month', year: 2024, month: 8 }, fromId: id })), id).toBe('BAD_ARGS');
    }
    expect(errorCode(await rt.invoke('library.open', { id: 'CONSOLE' }))).toBe('NOT_FOUND');
    for (const defaultName of ['CON.pdf', 'aux', 'nul.xlsx', 'LPT1.pdf']) {
      expect(errorCode(await rt.invoke('dialog.saveFile', { purpose: 'pdf', defaultName })), defaultName).toBe('BAD_ARGS');
    }
    // A reserved name typed into the native save dialog is refused there, and nothing is granted.
    answers.saveFile.push(join(dir, 'Con.pdf'));
    const typed = await rt.invoke('dialog.saveFile', { purpose: 'pdf', defaultName: 'bao-cao.pdf' });
    expect(typed).toMatchObject({ ok: false, error: { code: 'RESERVED_NAME', message: expect.stringMatching(/^Tên tệp “Con\.pdf”: tên này là tên thiết bị dành riêng của Windows/) } });
    for (const name of ['NUL.pdf', 'con.xlsx', 'COM2.pdf']) {
      const res = await rt.invoke(name.endsWith('.pdf') ? 'export.pdf' : 'export.xlsx', { report: SAMPLE, path: join(dir, name) });
      expect(errorCode(res), name).toBe('BAD_ARGS');
    }
    const lib = new ReportLibrary({ folder: join(dir, 'library') });
    expect(() => lib.open('CON')).toThrow(/Mã báo cáo “CON” không hợp lệ/);
  });
});
