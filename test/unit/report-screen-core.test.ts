// The bookkeeping the report screen used to do itself, now core API calls over a temp library: the previous period's
// report (library.previous), names confirmed in an import remembered in the default catalogue (settings.addAliases),
// and confirmed names read and added as aliases inside import.dossiers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPatch } from '../../core/import/patch';
import { loadSample } from '../../core/model/report';
import { writeDossierWorkbook } from '../helpers/dossier-lists';
import { createTestRuntime, testDialogs } from '../helpers/runtime';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

async function setup() {
  dir = await mkdtemp(join(tmpdir(), 'bc766-screen-core-'));
  const answers = testDialogs();
  const rt = createTestRuntime(join(dir, 'library'), undefined, answers, { enforceGrants: true });
  return { rt, answers };
}

async function ok<T>(p: Promise<{ ok: true; result: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.result;
}

describe('library.previous', () => {
  it('gives the report of the period before for the same locality, a real report before the sample, else null', async () => {
    const { rt } = await setup();
    const sample = loadSample();
    const august = await ok(rt.call('library.newReport', { period: { kind: 'month', year: 2024, month: 8 } }));
    const locality = august.report.profile.locality;
    expect(locality).toBe(sample.profile.locality);

    // Only the sample holds July 2024.
    const prev = await ok(rt.call('library.previous', { id: august.id, period: august.report.period, locality }));
    expect(prev?.id).toBe(sample.id);
    expect(prev?.report.period).toEqual({ kind: 'month', year: 2024, month: 7 });
    // Another locality, or a period with nothing before it: none.
    expect(await ok(rt.call('library.previous', { id: august.id, period: august.report.period, locality: 'huyện Khác' }))).toBeNull();
    expect(await ok(rt.call('library.previous', { id: sample.id, period: sample.period, locality }))).toBeNull();

    // A real July report is taken before the sample; the report itself never counts as its own previous.
    const july = await ok(rt.call('library.newReport', { period: { kind: 'month', year: 2024, month: 7 } }));
    const real = await ok(rt.call('library.previous', { id: august.id, period: august.report.period, locality }));
    expect(real?.id).toBe(july.id);
    expect(real?.report.isSample).toBe(false);
    const self = await ok(rt.call('library.previous', { id: july.id, period: { kind: 'month', year: 2024, month: 8 }, locality }));
    expect(self?.id).toBe(sample.id);
  });
});

describe('settings.addAliases', () => {
  it('adds confirmed names and new units to the default catalogue, once each, and changes nothing without one', async () => {
    const { rt } = await setup();
    const none = await ok(rt.call('settings.addAliases', { aliases: [{ unitId: 'phong-vh-tt', alias: 'P. VH-TT' }] }));
    expect(none.catalogue).toBeNull();

    const sample = loadSample();
    await ok(rt.call('settings.set', { catalogue: { blocks: sample.blocks, units: sample.units } }));
    const unit = sample.units.find((u) => u.id === 'phong-vh-tt')!;
    const added = { ...unit, id: 'phong-moi', name: 'Phòng Mới', aliases: [], blockId: 'no-such-block' };
    const after = await ok(
      rt.call('settings.addAliases', {
        aliases: [
          { unitId: 'phong-vh-tt', alias: 'P. VH-TT' },
          { unitId: 'phong-vh-tt', alias: 'P. VH-TT' },
          { unitId: 'phong-vh-tt', alias: unit.name },
        ],
        units: [added],
      }),
    );
    expect(after.catalogue!.units.find((u) => u.id === 'phong-vh-tt')!.aliases).toEqual(['P. VH-TT']);
    // A new unit whose block the catalogue lacks goes into its last block.
    expect(after.catalogue!.units.find((u) => u.id === 'phong-moi')!.blockId).toBe(sample.blocks[sample.blocks.length - 1]!.id);
    expect(rt.settings.get().catalogue).toEqual(after.catalogue);
  });
});

describe('import.dossiers with confirmed names', () => {
  it('reads a confirmed name as its unit and puts the alias into the patch', async () => {
    const { rt, answers } = await setup();
    const header = ['Mã hồ sơ', 'Cơ quan tiếp nhận', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả'];
    const rows = [
      ['V1', 'P. VH-TT', '02/07/2024', '05/07/2024', '04/07/2024'],
      ['V2', 'P. VH-TT', '05/07/2024', '07/07/2024', '09/07/2024'],
    ];
    const file = await writeDossierWorkbook(join(dir, 'hs.xlsx'), { title: ['DANH SÁCH HỒ SƠ'], header, rows });
    answers.openFile.push([file]);
    await rt.call('dialog.openFile', { purpose: 'import' });
    const report = loadSample();

    const plain = await ok(rt.call('import.dossiers', { report, path: file }));
    expect(plain.result.perUnit.find((u) => u.unitId === 'phong-vh-tt')?.received ?? 0).toBe(0);
    expect(plain.patch.aliases).toEqual([]);

    const confirmed = await ok(rt.call('import.dossiers', { report, path: file, confirmed: { 'P. VH-TT': 'phong-vh-tt' } }));
    expect(confirmed.result.perUnit.find((u) => u.unitId === 'phong-vh-tt')).toMatchObject({ received: 2, onTime: 1 });
    expect(confirmed.patch.aliases).toEqual([{ unitId: 'phong-vh-tt', alias: 'P. VH-TT', op: 'add' }]);
    const applied = applyPatch(report, confirmed.patch);
    expect(applied.units.find((u) => u.id === 'phong-vh-tt')!.aliases).toEqual(['P. VH-TT']);
  });
});
