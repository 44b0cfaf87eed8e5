// Tests of the API contract and dispatch: every call validates its arguments before the core, errors travel as data, and the whole API works over a temp library.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import {
  API,
  CALL_NAMES,
  createApiClient,
  type ApiEvents,
  type CallArgs,
  type CallName,
  type EventName,
} from '../../core/api/contract';
import { dispatch } from '../../core/api/dispatch';
import type { Handlers } from '../../core/api/handlers';
import { createApiRuntime } from '../../core/api/node-api';
import { JobRegistry } from '../../core/api/runtime';
import { UserFacingError } from '../../core/files/errors';
import { loadSample } from '../../core/model/report';

const SAMPLE = loadSample();
const DIR = process.platform === 'win32' ? 'C:\\tmp' : '/tmp';

/** One valid argument object per call (typed: a new call in the contract makes this fail to compile until added). */
const VALID: { [K in CallName]: CallArgs<K> } = {
  'app.info': {},
  'app.notices': {},
  'app.flushed': { requestId: 'q1' },
  'app.smokeResult': { steps: [{ name: 'library.list', ok: true, detail: '1 report' }] },
  'library.list': {},
  'library.open': { id: SAMPLE.id },
  'library.newReport': { period: { kind: 'month', year: 2024, month: 8 } },
  'library.duplicate': { id: SAMPLE.id },
  'library.delete': { id: SAMPLE.id },
  'library.recycleList': {},
  'library.recycleRestore': { recycleId: 'abc--20240815T070000000Z' },
  'library.versions': { id: SAMPLE.id },
  'library.version': { id: SAMPLE.id, versionId: '20240815T070000000Z-save-r1' },
  'library.restoreVersion': { id: SAMPLE.id, versionId: '20240815T070000000Z-save-r1' },
  'library.snapshot': { id: SAMPLE.id, reason: 'before-import' },
  'library.backup': { folder: DIR },
  'library.restoreBackup': { folder: DIR, jobId: 'j1' },
  'library.previous': { id: SAMPLE.id, period: { kind: 'month', year: 2024, month: 8 }, locality: 'thành phố Bắc Kạn' },
  'library.addSample': {},
  'report.save': { id: SAMPLE.id, revision: 1, report: SAMPLE },
  'overview.get': { reportId: SAMPLE.id },
  'overview.simulate': { reportId: SAMPLE.id, targets: { 'tdgq.onTime': 97 } },
  'overview.unitTrend': { reportId: SAMPLE.id, unitId: 'p-song-cau' },
  'overview.saveScenario': { reportId: SAMPLE.id, revision: 1, targets: { 'tdgq.onTime': 97 } },
  'settings.get': {},
  'settings.set': { numberStyle: { trimZeros: true, percentSpace: true } },
  'settings.addAliases': { aliases: [{ unitId: 'x-duong-quang', alias: 'Dương Quang' }] },
  'dialog.openFile': { purpose: 'import', multiple: true },
  'dialog.saveFile': { purpose: 'pdf', defaultName: 'bao-cao.pdf' },
  'dialog.chooseFolder': { purpose: 'backup' },
  'export.pdf': { report: SAMPLE, path: `${DIR}/a.pdf` },
  'export.pdfPreview': { report: SAMPLE },
  'export.docx': { report: SAMPLE, path: `${DIR}/a.docx` },
  'print.report': { report: SAMPLE, print: { pageRanges: [{ from: 1, to: 2 }], copies: 2 } },
  'export.xlsx': { report: SAMPLE, path: `${DIR}/a.xlsx` },
  'import.preview': { report: SAMPLE, paths: [`${DIR}/a.xlsx`], tableKind: 'onTime', confirmed: { 'P. Xuất Hoá': 'x' } },
  'import.previewDropped': { report: SAMPLE, files: [{ name: 'a.xlsx', data: new Uint8Array([80, 75]) }], tableKind: 'onTime' },
  'import.pastePreview': { report: SAMPLE, text: 'a\tb' },
  'import.dossierColumns': { path: `${DIR}/hs.xlsx`, mapping: { columns: { unit: 'Nơi xử lý', fee: null } } },
  'import.dossiers': { report: SAMPLE, path: `${DIR}/hs.xlsx`, jobId: 'j2' },
  'os.openPath': { path: `${DIR}/a.pdf` },
  'os.showInFolder': { path: `${DIR}/a.xlsx` },
  'job.cancel': { jobId: 'j1' },
};

/** Bad arguments specific to each call (on top of the generic ones every call gets). */
const BAD: { [K in CallName]: unknown[] } = {
  'app.info': [],
  'app.notices': [],
  'app.flushed': [{}, { requestId: 5 }],
  'app.smokeResult': [{}, { steps: [{ name: '', ok: true, detail: '' }] }, { steps: [{ name: 'a', ok: 'yes', detail: '' }] }],
  'library.list': [],
  'library.open': [{}, { id: '../../etc/passwd' }, { id: '' }, { id: 'a/b' }, { id: 42 }],
  'library.newReport': [{}, { period: { kind: 'month', year: 2024, month: 13 } }, { period: { kind: 'week', year: 2024 } }, { period: { kind: 'month', year: 2024, month: 8 }, fromId: '..' }],
  'library.duplicate': [{ id: 'x y' }],
  'library.delete': [{ id: '..\\x' }],
  'library.recycleList': [],
  'library.recycleRestore': [{ recycleId: '../reports/x' }],
  'library.versions': [{ id: null }],
  'library.version': [{ id: SAMPLE.id }, { id: SAMPLE.id, versionId: '../../x' }],
  'library.restoreVersion': [{ id: SAMPLE.id }, { id: SAMPLE.id, versionId: '../../x' }],
  'library.snapshot': [{ id: SAMPLE.id, reason: 'whenever' }],
  'library.backup': [{}, { folder: 'relative/path' }, { folder: DIR, jobId: 'bad id!' }],
  'library.restoreBackup': [{ folder: '' }, { folder: 7 }],
  'library.previous': [{ id: SAMPLE.id }, { id: '..', period: { kind: 'month', year: 2024, month: 8 }, locality: '' }],
  'library.addSample': [],
  'report.save': [
    { id: SAMPLE.id, revision: 1 },
    { id: SAMPLE.id, revision: -1, report: SAMPLE },
    { id: SAMPLE.id, revision: 1.5, report: SAMPLE },
    { id: SAMPLE.id, revision: 1, report: { ...SAMPLE, total: 'chín mươi' } },
    { id: SAMPLE.id, revision: 1, report: { ...SAMPLE, groups: [] } },
    { id: SAMPLE.id, revision: 1, report: SAMPLE, snapshotBefore: 'whenever' },
  ],
  'overview.get': [{}, { reportId: '../x' }, { reportId: SAMPLE.id, report: { ...SAMPLE, total: 'cao' } }],
  'overview.simulate': [
    { reportId: SAMPLE.id },
    { reportId: SAMPLE.id, targets: { 'tdgq.onTime': 120 } },
    { reportId: SAMPLE.id, targets: { 'tdgq.onTime': '97' } },
    { reportId: SAMPLE.id, targets: { 'không hợp lệ': 90 } },
  ],
  'overview.unitTrend': [{ reportId: SAMPLE.id }, { reportId: SAMPLE.id, unitId: 'Bad Id' }],
  'overview.saveScenario': [{ reportId: SAMPLE.id, targets: {} }, { reportId: SAMPLE.id, revision: -1, targets: {} }, { reportId: SAMPLE.id, revision: 1, targets: { 'tdgq.onTime': -5 } }],
  'settings.get': [],
  'settings.set': [{ settingsVersion: 2 }, { window: { width: 1 } }, { numberStyle: 'đẹp' }],
  'settings.addAliases': [{}, { aliases: [{ unitId: 'X Y', alias: 'a' }] }, { aliases: [{ unitId: 'x', alias: '' }] }],
  'dialog.openFile': [{ purpose: 'anything' }, { purpose: 'import', multiple: 'yes' }],
  'dialog.saveFile': [{ purpose: 'pdf' }, { purpose: 'exe', defaultName: 'x' }],
  'dialog.chooseFolder': [{ purpose: 'root' }],
  'export.pdf': [{ report: SAMPLE }, { report: SAMPLE, path: 'a.pdf' }, { report: {}, path: `${DIR}/a.pdf` }],
  'export.pdfPreview': [{ report: null }],
  'export.docx': [{ report: SAMPLE }, { report: SAMPLE, path: 'a.docx' }],
  'print.report': [{ report: SAMPLE, print: { copies: 0 } }, { report: SAMPLE, print: { pageRanges: [{ from: 3, to: 2 }] } }, { report: SAMPLE, print: { pageRanges: [{ from: 0, to: 1 }] } }],
  'export.xlsx': [{ path: `${DIR}/a.xlsx` }],
  'import.preview': [{ report: SAMPLE, paths: [] }, { report: SAMPLE, paths: ['a.xlsx'] }, { report: SAMPLE, paths: [`${DIR}/a.xlsx`], tableKind: 'bogus' }],
  'import.previewDropped': [
    { report: SAMPLE, files: [] },
    { report: SAMPLE, files: [{ name: 'a.xlsx', data: 'UEs=' }] },
    { report: SAMPLE, files: [{ name: '', data: new Uint8Array(1) }] },
    { report: SAMPLE, files: [{ name: 'a.xlsx', data: new Uint8Array(1), path: '/etc/passwd' }] },
  ],
  'import.pastePreview': [{ report: SAMPLE }, { report: SAMPLE, text: 5 }, { report: SAMPLE, text: 'x', confirmed: { a: 'Bad Id!' } }],
  'import.dossierColumns': [{}, { path: 'hs.xlsx' }, { path: `${DIR}/hs.xlsx`, mapping: { columns: { nope: 'A' } } }, { path: `${DIR}/hs.xlsx`, mapping: { columns: { unit: 0 } } }],
  'import.dossiers': [{ report: SAMPLE }, { report: SAMPLE, path: `${DIR}/hs.xlsx`, tables: ['nope'] }],
  'os.openPath': [{}, { path: 'a.pdf' }, { path: `${DIR}/a.pdf`, also: 1 }],
  'os.showInFolder': [{ path: '' }, { path: 42 }],
  'job.cancel': [{ jobId: '' }],
};

const GENERIC_BAD: unknown[] = ['text', 42, [1, 2], { unexpectedField: true }];

/** A handler map that records whether any handler ran. */
function spyHandlers() {
  const called: string[] = [];
  const handlers = Object.fromEntries(
    CALL_NAMES.map((n) => [
      n,
      () => {
        called.push(n);
        return null;
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, called };
}

describe('argument validation', () => {
  it('the test tables cover exactly the calls of the contract', () => {
    expect(Object.keys(VALID).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.keys(BAD).sort()).toEqual([...CALL_NAMES].sort());
  });

  for (const name of CALL_NAMES) {
    it(`${name}: bad arguments get BAD_ARGS in Vietnamese and never reach the handler; valid ones do`, async () => {
      const { handlers, called } = spyHandlers();
      for (const bad of [...GENERIC_BAD, ...BAD[name]]) {
        const res = await dispatch(handlers, name, bad);
        expect(res.ok, `${name} accepted ${JSON.stringify(bad)?.slice(0, 80)}`).toBe(false);
        if (!res.ok) {
          expect(res.error.code).toBe('BAD_ARGS');
          expect(res.error.message).toMatch(/không hợp lệ/);
          expect(res.error.message).not.toMatch(/\n\s+at /);
        }
      }
      expect(called).toEqual([]);
      const ok = await dispatch(handlers, name, VALID[name]);
      expect(ok).toEqual({ ok: true, result: null });
      expect(called).toEqual([name]);
    });
  }

  it('refuses unknown and inherited call names', async () => {
    const { handlers, called } = spyHandlers();
    for (const name of ['fs.readFile', '__proto__', 'toString', 'constructor', 42, null]) {
      const res = await dispatch(handlers, name, {});
      expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
    expect(called).toEqual([]);
  });

  it('NFC-normalises arguments before validation and handling', async () => {
    let seen = '';
    const { handlers } = spyHandlers();
    (handlers as unknown as Record<string, (a: { requestId: string }) => null>)['app.flushed'] = (a) => {
      seen = a.requestId;
      return null;
    };
    await dispatch(handlers, 'app.flushed', { requestId: 'Hoá'.normalize('NFD') });
    expect(seen).toBe('Hoá'.normalize('NFC'));
  });

  it('user-facing errors keep their code and message; other errors become a generic message without stack', async () => {
    const { handlers } = spyHandlers();
    const h = handlers as unknown as Record<string, () => never>;
    h['library.list'] = () => {
      throw new UserFacingError('FILE_LOCKED', 'Hãy đóng tệp “a.json” rồi thử lại.');
    };
    h['library.recycleList'] = () => {
      throw new TypeError('Cannot read properties of undefined');
    };
    const logged: unknown[] = [];
    expect(await dispatch(handlers, 'library.list', {})).toEqual({ ok: false, error: { code: 'FILE_LOCKED', message: 'Hãy đóng tệp “a.json” rồi thử lại.' } });
    const res = await dispatch(handlers, 'library.recycleList', {}, { onInternalError: (_n, e) => logged.push(e) });
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(res)).not.toMatch(/Cannot read|TypeError/);
    expect(logged).toHaveLength(1);
  });

  it('a long call with a jobId reports progress and can be cancelled', async () => {
    const jobs = new JobRegistry();
    const events: ApiEvents['progress'][] = [];
    const { handlers } = spyHandlers();
    let release!: () => void;
    const h = handlers as unknown as Record<string, (a: unknown, ctx: { signal?: AbortSignal; progress?: (d: number, t: number | null, l: string) => void }) => Promise<unknown>>;
    h['library.backup'] = async (_a, ctx) => {
      ctx.progress?.(1, 10, 'Đang sao lưu');
      await new Promise<void>((r) => (release = r));
      if (ctx.signal?.aborted) throw new UserFacingError('CANCELLED', 'Đã hủy thao tác.');
      return { folder: DIR, reports: 0, versions: 0 };
    };
    h['job.cancel'] = async (a) => ({ cancelled: jobs.cancel((a as { jobId: string }).jobId) });
    const emit = (<E extends EventName>(event: E, payload: ApiEvents[E]) => {
      if (event === 'progress') events.push(payload as ApiEvents['progress']);
    }) as never;
    const running = dispatch(handlers, 'library.backup', { folder: DIR, jobId: 'job-1' }, { jobs, emit });
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual([{ jobId: 'job-1', done: 1, total: 10, label: 'Đang sao lưu' }]);
    expect(await dispatch(handlers, 'job.cancel', { jobId: 'job-1' }, { jobs })).toEqual({ ok: true, result: { cancelled: true } });
    release();
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(jobs.running).toBe(0);
  });

  it('every call has a doc string', () => {
    for (const name of CALL_NAMES) expect(API[name].doc.length).toBeGreaterThan(10);
  });
});

describe('the API over a real temp library', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  async function runtime(enforceGrants: boolean) {
    const root = await mkdtemp(join(tmpdir(), 'bc766-api-'));
    const usb = await mkdtemp(join(tmpdir(), 'bc766-usb-'));
    dirs.push(root, usb);
    const events: { event: string; payload: unknown }[] = [];
    const rt = createApiRuntime({
      libraryFolder: join(root, 'library'),
      settingsFile: join(root, 'settings.json'),
      createSettingsStore: () => new Conf<Record<string, unknown>>({ cwd: root, configName: 'settings', accessPropertiesByDotNotation: false }),
      dialogs: {
        openFile: async () => ({ paths: [] }),
        saveFile: async (a) => ({ path: join(usb, a.defaultName) }),
        chooseFolder: async () => ({ path: usb }),
      },
      appInfo: { name: 'Báo cáo 766', version: '0.1.0', electron: null, platform: process.platform, packaged: false },
      emit: (event, payload) => events.push({ event, payload }),
      enforceGrants,
    });
    return { rt, usb, events, api: createApiClient({ invoke: (n, a) => rt.invoke(n, a) as never }) };
  }

  it('lists the sample, saves, refuses a stale save, versions, deletes and restores, backs up', async () => {
    const { api, usb } = await runtime(true);
    const info = await api['app.info']({});
    expect(info.libraryFolder).toMatch(/library$/);
    const list = await api['library.list']({});
    expect(list.map((s) => s.isSample)).toEqual([true]);
    expect(list[0]!.findings).not.toBeNull();
    const opened = await api['library.open']({ id: list[0]!.id });
    const saved = await api['report.save']({ id: opened.id, revision: opened.revision, report: { ...opened.report, total: 90 } });
    expect(saved.revision).toBe(2);
    await expect(api['report.save']({ id: opened.id, revision: opened.revision, report: opened.report })).rejects.toMatchObject({
      code: 'STALE_REVISION',
      message: expect.stringMatching(/bị từ chối/),
    });
    expect((await api['library.versions']({ id: opened.id })).length).toBe(2);
    const aug = await api['library.newReport']({ period: { kind: 'month', year: 2024, month: 8 } });
    const dup = await api['library.duplicate']({ id: aug.id });
    const entry = await api['library.delete']({ id: dup.id });
    expect((await api['library.recycleList']({})).map((e) => e.recycleId)).toEqual([entry.recycleId]);
    await api['library.recycleRestore']({ recycleId: entry.recycleId });
    expect(await api['library.list']({})).toHaveLength(3);

    // Paths must come from a dialog when grants are enforced.
    await expect(api['library.backup']({ folder: usb })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
    const chosen = await api['dialog.chooseFolder']({ purpose: 'backup' });
    const backup = await api['library.backup']({ folder: chosen.path! });
    expect(backup.reports).toBe(3);
    const s = await api['settings.set']({ exportFolder: usb });
    expect(s.exportFolder).toBe(usb);
    expect((await api['settings.get']({})).exportFolder).toBe(usb);
    const cancel = await api['job.cancel']({ jobId: 'nothing-running' });
    expect(cancel.cancelled).toBe(false);
  });

  it('changes to the library are announced with the report ids', async () => {
    const { api, events } = await runtime(false);
    const list = await api['library.list']({});
    const opened = await api['library.open']({ id: list[0]!.id });
    expect(events).toEqual([]);
    await api['report.save']({ id: opened.id, revision: opened.revision, report: opened.report });
    const dup = await api['library.duplicate']({ id: opened.id });
    expect(events).toEqual([
      { event: 'library.changed', payload: { ids: [opened.id] } },
      { event: 'library.changed', payload: { ids: [opened.id, dup.id] } },
    ]);
  });

  it('startup notices wait for the renderer, later ones are sent as events', async () => {
    const { rt, events } = await runtime(false);
    rt.notices.push({ level: 'warning', code: 'SETTINGS_RESET', message: 'x' });
    expect(events).toEqual([]);
    const first = await rt.call('app.notices', {});
    expect(first).toEqual({ ok: true, result: [{ level: 'warning', code: 'SETTINGS_RESET', message: 'x' }] });
    rt.notices.push({ level: 'info', code: 'Y', message: 'y' });
    expect(events).toEqual([{ event: 'notice', payload: { level: 'info', code: 'Y', message: 'y' } }]);
    expect(await rt.call('app.notices', {})).toEqual({ ok: true, result: [] });
  });

  it('exports the PDF and the workbook to paths chosen in the dialog', async () => {
    const { api, usb } = await runtime(true);
    await expect(api['export.xlsx']({ report: SAMPLE, path: join(usb, 'x.xlsx') })).rejects.toMatchObject({ code: 'PATH_NOT_GRANTED' });
    const pdfPath = (await api['dialog.saveFile']({ purpose: 'pdf', defaultName: 'bao-cao.pdf' })).path!;
    const xlsxPath = (await api['dialog.saveFile']({ purpose: 'xlsx', defaultName: 'bao-cao.xlsx' })).path!;
    await api['export.pdf']({ report: SAMPLE, path: pdfPath, mode: 'final' });
    await api['export.xlsx']({ report: SAMPLE, path: xlsxPath });
    expect((await readFile(pdfPath)).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await readFile(xlsxPath)).subarray(0, 2).toString()).toBe('PK');
  });

  it('previews a pasted table as a patch against the report without changing anything', async () => {
    const { api } = await runtime(false);
    const table = SAMPLE.tables.find((t) => t.kind === 'onTime')!;
    const unit = SAMPLE.units.find((u) => u.id === table.rows[0]!.unitId)!;
    const preview = await api['import.pastePreview']({
      report: SAMPLE,
      text: `STT\tTên cơ quan, đơn vị\tTỷ lệ (%)\n1\t${unit.name}\t12,34\n`,
      tableId: table.id,
    });
    expect(preview.patch.changes.length).toBe(1);
    expect(preview.changes[0]!.afterText).toMatch(/12,34/);
  });
});
