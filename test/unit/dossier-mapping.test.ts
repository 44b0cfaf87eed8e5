// Tests of the dossier-list column mapping: remembering a mapping per kind of list in the settings, applying it, the clerk's choices as a mapping, and the import.dossierColumns call over a temp library.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mappingFromChoices } from '../../core/dossiers/choices';
import { dossierSignature } from '../../core/dossiers/fields';
import { findRememberedMapping, MAX_IMPORT_MAPPINGS, rememberMapping } from '../../core/dossiers/mappings';
import { SettingsSchema, type ImportMapping } from '../../core/library/settings';
import { loadSample } from '../../core/model/report';
import { writeDossierWorkbook } from '../helpers/dossier-lists';
import { createTestRuntime, testDialogs } from '../helpers/runtime';

/** The unit column is named in a way no synonym knows. */
const HEADER = ['Mã hồ sơ', 'Phòng ban thụ lý', 'Hình thức nộp', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả', 'Phí', 'Thanh toán trực tuyến', 'Đánh giá'];
/** Phòng Văn hóa & Thông tin in July 2024 (the sample's period): 2 dossiers, 1 on time. */
const ROWS = [
  ['V1', 'Phòng Văn hóa & Thông tin', 'Trực tuyến', '02/07/2024', '05/07/2024', '04/07/2024', 50000, 'Có', 'Hài lòng'],
  ['V2', 'Phòng Văn hóa & Thông tin', 'Trực tiếp', '05/07/2024', '07/07/2024', '09/07/2024', null, null, null],
];

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function setup() {
  dir = await mkdtemp(join(tmpdir(), 'bc766-mapping-'));
  const answers = testDialogs();
  const rt = createTestRuntime(join(dir, 'library'), undefined, answers, { enforceGrants: true });
  /** Writes a list and lets the app read it (as the open dialog would). */
  const list = async (name: string, title: string, header: string[] = HEADER): Promise<string> => {
    const file = await writeDossierWorkbook(join(dir, name), { title: [title], header, rows: ROWS });
    answers.openFile.push([file]);
    await rt.call('dialog.openFile', { purpose: 'import' });
    return file;
  };
  return { rt, list };
}

const entry = (signature: string, usedAt: string): ImportMapping => ({ signature, mapping: { columns: { unit: 'A' } }, usedAt });

describe('remembered mappings (settings)', () => {
  it('puts the newest first, keeps one per signature and at most 50, without changing the given list', () => {
    const list = [entry('dossiers:a', '2024-01-01T00:00:00.000Z'), entry('dossiers:b', '2024-01-02T00:00:00.000Z')];
    const next = rememberMapping(list, 'dossiers:b', { columns: { unit: 'Phòng ban thụ lý' } }, new Date('2024-08-01T08:00:00Z'));
    expect(next.map((m) => m.signature)).toEqual(['dossiers:b', 'dossiers:a']);
    expect(next[0]).toEqual({ signature: 'dossiers:b', mapping: { columns: { unit: 'Phòng ban thụ lý' } }, usedAt: '2024-08-01T08:00:00.000Z' });
    expect(list[1]!.mapping).toEqual({ columns: { unit: 'A' } });
    expect(findRememberedMapping(next, 'dossiers:b')).toEqual({ columns: { unit: 'Phòng ban thụ lý' } });
    expect(findRememberedMapping(next, 'dossiers:c')).toBeNull();

    const full = Array.from({ length: MAX_IMPORT_MAPPINGS }, (_, i) => entry(`dossiers:${i}`, '2024-01-01T00:00:00.000Z'));
    const capped = rememberMapping(full, 'dossiers:new', { columns: { fee: null } });
    expect(capped).toHaveLength(50);
    expect(capped[0]!.signature).toBe('dossiers:new');
    expect(capped.some((m) => m.signature === `dossiers:${MAX_IMPORT_MAPPINGS - 1}`)).toBe(false);
    // What is kept still fits the settings schema.
    expect(() => SettingsSchema.shape.importMappings.parse(capped)).not.toThrow();
  });

  it('turns the clerk’s choices into a mapping: unique header texts by name, blank or repeated ones by column number, none as null', () => {
    const headers = ['Mã hồ sơ', 'Đơn vị', '', 'Ngày', 'ngay'];
    expect(mappingFromChoices(headers, { code: 0, unit: 1, channel: 2, received: 3, fee: null })).toEqual({
      columns: { code: 'Mã hồ sơ', unit: 'Đơn vị', channel: 3, received: 4, fee: null },
    });
  });
});

describe('import.dossierColumns and remembering the mapping of import.dossiers', () => {
  it('shows the columns, remembers the mapping of a successful run and applies it to the next list of the same kind', async () => {
    const { rt, list } = await setup();
    const first = await list('Tháng 7.xlsx', 'DANH SÁCH HỒ SƠ THÁNG 7');

    const auto = await rt.call('import.dossierColumns', { path: first });
    if (!auto.ok) throw new Error(auto.error.message);
    expect(auto.result.remembered).toBe(false);
    expect(auto.result.headers).toEqual(HEADER);
    expect(auto.result.headerRow).toBe(2);
    expect(auto.result.signature).toBe(dossierSignature(HEADER));
    const unit = auto.result.fields.find((f) => f.field === 'unit')!;
    expect(unit).toEqual({ field: 'unit', label: 'Cơ quan tiếp nhận', column: null, index: null, required: true });
    expect(auto.result.fields.find((f) => f.field === 'received')).toMatchObject({ column: 'Ngày tiếp nhận', index: 3, required: true });
    expect(auto.result.fields.find((f) => f.field === 'fee')).toMatchObject({ column: 'Phí', index: 6, required: false });

    // Without the unit column the run fails with a clear message, and nothing is remembered.
    const report = loadSample();
    const failed = await rt.call('import.dossiers', { report, path: first, mapping: { columns: { fee: null } } });
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.message).toMatch(/thiếu cột “Cơ quan tiếp nhận”/);
    expect(rt.settings.get().importMappings).toEqual([]);

    // The clerk's mapping: the run computes and the mapping is remembered under the list's signature.
    const mapping = mappingFromChoices(auto.result.headers, { ...Object.fromEntries(auto.result.fields.map((f) => [f.field, f.index])), unit: 1 });
    const run = await rt.call('import.dossiers', { report, path: first, mapping });
    if (!run.ok) throw new Error(run.error.message);
    const culture = run.result.result.perUnit.find((u) => u.unitName === 'Phòng Văn hóa & Thông tin')!;
    expect(culture).toMatchObject({ received: 2, onTime: 1, onTimeRate: 50 });
    const saved = rt.settings.get().importMappings;
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ signature: dossierSignature(HEADER), mapping });
    expect(saved[0]!.mapping.columns!.unit).toBe('Phòng ban thụ lý');

    // A second list of the same kind (another title block) comes with the remembered mapping.
    const second = await list('Tháng 7 bản 2.xlsx', 'DANH SÁCH HỒ SƠ (xuất lại)');
    const again = await rt.call('import.dossierColumns', { path: second });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.result.remembered).toBe(true);
    expect(again.result.fields.find((f) => f.field === 'unit')).toMatchObject({ column: 'Phòng ban thụ lý', index: 1 });

    // An explicit mapping wins over the remembered one; running the same kind again keeps one entry, used later.
    const explicit = await rt.call('import.dossierColumns', { path: second, mapping: { columns: { unit: null, rating: null } } });
    if (!explicit.ok) throw new Error(explicit.error.message);
    expect(explicit.result.remembered).toBe(false);
    expect(explicit.result.fields.find((f) => f.field === 'rating')!.column).toBeNull();
    const before = rt.settings.get().importMappings;
    await new Promise((r) => setTimeout(r, 5));
    const rerun = await rt.call('import.dossiers', { report, path: second, mapping });
    expect(rerun.ok).toBe(true);
    expect(rt.settings.get().importMappings).toHaveLength(1);
    expect(rt.settings.get().importMappings[0]!.usedAt > before[0]!.usedAt).toBe(true);

    // A run without a mapping (a list whose columns are all found by their names) remembers nothing.
    const standard = await list('Chuẩn.xlsx', 'DANH SÁCH', ['Mã hồ sơ', 'Cơ quan tiếp nhận', ...HEADER.slice(2)]);
    const plain = await rt.call('import.dossiers', { report, path: standard });
    expect(plain.ok).toBe(true);
    expect(rt.settings.get().importMappings).toHaveLength(1);
  });

  it('refuses bad arguments and paths no dialog returned, and a file that is no dossier list gets one Vietnamese sentence', async () => {
    const { rt, list } = await setup();
    for (const bad of [{}, { path: 'tuong-doi.xlsx' }, { path: join(dir, 'a.xlsx'), mapping: { columns: { donVi: 'A' } } }, { path: join(dir, 'a.xlsx'), extra: 1 }]) {
      const res = await rt.call('import.dossierColumns', bad as never);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('BAD_ARGS');
    }
    const notGranted = await rt.call('import.dossierColumns', { path: join(dir, 'khong-chon.xlsx') });
    expect(notGranted.ok).toBe(false);

    const other = await list('khac.xlsx', 'Danh bạ', ['STT', 'Họ tên', 'Ghi chú']);
    const res = await rt.call('import.dossierColumns', { path: other });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('DOSSIER_HEADER_NOT_FOUND');
      expect(res.error.message).toMatch(/^Không tìm thấy dòng tiêu đề của danh sách hồ sơ/);
    }
  });
});
