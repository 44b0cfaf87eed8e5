// Tests of the report library on real temp folders: first run, saves and stale revisions, versions, recycle bin, recovery, backups.
import { mkdtemp, readdir, readFile, rm, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../core/api/contract';
import { ReportLibrary } from '../../core/library/library';
import { parseEnvelope, serializeEnvelope, versionsToKeep, parseVersionId, versionIdFor } from '../../core/library/store';
import { loadSample } from '../../core/model/report';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'bc766-lib-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** A library with a controllable clock and a notice log. */
async function makeLibrary(folder?: string, start = new Date('2024-08-15T07:00:00.000Z')) {
  const dir = folder ?? (await tempDir());
  let t = start.getTime();
  const notices: Notice[] = [];
  const lib = new ReportLibrary({ folder: dir, now: () => new Date(t), onNotice: (n) => notices.push(n) });
  return {
    dir,
    lib,
    notices,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const SAMPLE_ID = loadSample().id;

describe('first run', () => {
  it('holds the built-in sample, marked as the sample, and does not bring it back after deletion', async () => {
    const { dir, lib } = await makeLibrary();
    const list = await lib.list();
    expect(list).toHaveLength(1);
    expect(list[0]!.isSample).toBe(true);
    expect(list[0]!.periodLabel).toBe('Tháng 7/2024');
    expect(list[0]!.documentNumber).toBe('364/BC-UBND');
    expect(list[0]!.total).toBe(loadSample().total);
    expect(list[0]!.revision).toBe(1);
    await lib.delete(SAMPLE_ID);
    const again = new ReportLibrary({ folder: dir });
    expect(await again.list()).toHaveLength(0);
    const back = await again.addSample();
    expect(back.report.isSample).toBe(true);
    expect((await again.list()).map((s) => s.id)).toEqual([SAMPLE_ID]);
  });
});

describe('saving', () => {
  it('saves with increasing revisions and refuses a stale revision without writing', async () => {
    const { dir, lib } = await makeLibrary();
    const opened = await lib.open(SAMPLE_ID);
    expect(opened.revision).toBe(1);
    const edited = { ...opened.report, total: 91.5 };
    const r2 = await lib.save(SAMPLE_ID, 1, edited);
    expect(r2.revision).toBe(2);
    const before = await readFile(join(dir, 'reports', `${SAMPLE_ID}.json`), 'utf8');
    await expect(lib.save(SAMPLE_ID, 1, { ...opened.report, total: 12 })).rejects.toMatchObject({ code: 'STALE_REVISION' });
    expect(await readFile(join(dir, 'reports', `${SAMPLE_ID}.json`), 'utf8')).toBe(before);
    const now = await lib.open(SAMPLE_ID);
    expect(now.revision).toBe(2);
    expect(now.report.total).toBe(91.5);
    const env = parseEnvelope(before);
    expect(env.ok && env.envelope.revision).toBe(2);
  });

  it('refuses a save whose report id differs from the id, and a save of a deleted report', async () => {
    const { lib } = await makeLibrary();
    const opened = await lib.open(SAMPLE_ID);
    await expect(lib.save('other-id', 0, opened.report)).rejects.toMatchObject({ code: 'BAD_ARGS' });
    await lib.delete(SAMPLE_ID);
    await expect(lib.save(SAMPLE_ID, 1, opened.report)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('serialises concurrent saves: exactly one of two saves on the same revision wins', async () => {
    const { lib } = await makeLibrary();
    const opened = await lib.open(SAMPLE_ID);
    const results = await Promise.allSettled([
      lib.save(SAMPLE_ID, 1, { ...opened.report, total: 80 }),
      lib.save(SAMPLE_ID, 1, { ...opened.report, total: 81 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect((await lib.open(SAMPLE_ID)).report.total).toBe(80);
  });
});

describe('versions', () => {
  it('keeps every save of the last hour, hourly for a day, daily for a month', () => {
    const now = new Date('2024-08-31T12:00:00.000Z');
    const versions = [];
    // One save every 10 minutes over 40 days.
    for (let m = 0; m < 40 * 24 * 6; m++) {
      const at = new Date(now.getTime() - m * 10 * 60_000);
      versions.push(parseVersionId(versionIdFor(at, 'save', 10_000 - m))!);
    }
    const keep = versionsToKeep(versions, now);
    const kept = versions.filter((v) => keep.has(v.versionId));
    const age = (v: { takenAt: Date }) => now.getTime() - v.takenAt.getTime();
    expect(kept.filter((v) => age(v) <= 3_600_000)).toHaveLength(7); // 0,10,…,60 minutes
    const dayKept = kept.filter((v) => age(v) > 3_600_000 && age(v) <= 86_400_000);
    expect(dayKept.length).toBeGreaterThanOrEqual(23);
    expect(dayKept.length).toBeLessThanOrEqual(24);
    const monthKept = kept.filter((v) => age(v) > 86_400_000);
    expect(monthKept.length).toBeGreaterThanOrEqual(30);
    expect(monthKept.length).toBeLessThanOrEqual(31);
    expect(kept.every((v) => age(v) <= 31 * 86_400_000)).toBe(true);
    // A report untouched for a year still keeps its newest version.
    const old = [parseVersionId(versionIdFor(new Date('2023-01-01T00:00:00Z'), 'save', 3))!];
    expect(versionsToKeep(old, now).size).toBe(1);
  });

  it('lists versions newest first, prunes on save, snapshots before restore and restores as a new revision', async () => {
    const { dir, lib, advance } = await makeLibrary();
    let cur = await lib.open(SAMPLE_ID);
    for (let i = 0; i < 5; i++) {
      advance(20 * 60_000);
      const res = await lib.save(SAMPLE_ID, cur.revision, { ...cur.report, total: 50 + i });
      cur = { ...cur, revision: res.revision, report: { ...cur.report, total: 50 + i } };
    }
    let versions = await lib.versions(SAMPLE_ID);
    // r1 (07:00) and r2 (07:20) are over an hour old and share an hour: only the newer of them stays.
    expect(versions.map((v) => v.revision)).toEqual([6, 5, 4, 3, 2]);
    // Two days later, one more save thins the history: the hourly and daily rules apply.
    advance(2 * 86_400_000);
    await lib.save(SAMPLE_ID, 6, { ...cur.report, total: 60 });
    versions = await lib.versions(SAMPLE_ID);
    expect(versions[0]!.revision).toBe(7);
    expect(versions.length).toBeLessThan(7);
    const files = await readdir(join(dir, 'versions', SAMPLE_ID));
    expect(files).toHaveLength(versions.length);

    const target = versions[1]!;
    const restored = await lib.restoreVersion(SAMPLE_ID, target.versionId);
    expect(restored.revision).toBe(8);
    expect(restored.report.total).toBe(target.total);
    const after = await lib.versions(SAMPLE_ID);
    const snap = after.find((v) => v.reason === 'before-restore');
    expect(snap?.revision).toBe(7);
    expect(snap?.total).toBe(60);
    // The snapshot itself can be restored: nothing is lost by a restore.
    const undo = await lib.restoreVersion(SAMPLE_ID, snap!.versionId);
    expect(undo.report.total).toBe(60);
  });

  it('takes a snapshot before an import, then the save that applies it', async () => {
    const { lib } = await makeLibrary();
    const snap = await lib.snapshot(SAMPLE_ID, 'before-import');
    expect(snap.reason).toBe('before-import');
    expect((await lib.versions(SAMPLE_ID)).some((v) => v.versionId === snap.versionId)).toBe(true);
    const opened = await lib.open(SAMPLE_ID);
    await lib.save(SAMPLE_ID, opened.revision, { ...opened.report, total: 12.5 });
    const versions = await lib.versions(SAMPLE_ID);
    const before = versions.filter((v) => v.reason === 'before-import');
    expect(before).toHaveLength(1);
    expect(before.every((v) => v.total === loadSample().total)).toBe(true);
    expect(versions[0]!.total).toBe(12.5);
    // A stale save writes nothing.
    await expect(lib.save(SAMPLE_ID, opened.revision, opened.report)).rejects.toMatchObject({ code: 'STALE_REVISION' });
    expect(await lib.versions(SAMPLE_ID)).toEqual(versions);
  });
});

describe('recycle bin', () => {
  it('deletes to the recycle folder and restores, with a new id if the old one was taken meanwhile', async () => {
    const { dir, lib } = await makeLibrary();
    const copy = await lib.duplicate(SAMPLE_ID);
    expect(copy.report.isSample).toBe(false);
    expect(copy.id).not.toBe(SAMPLE_ID);
    const entry = await lib.delete(copy.id);
    expect((await lib.list()).map((s) => s.id)).toEqual([SAMPLE_ID]);
    expect(await readdir(join(dir, 'recycle'))).toEqual([`${entry.recycleId}.json`]);
    const bin = await lib.recycleList();
    expect(bin).toHaveLength(1);
    expect(bin[0]!.periodLabel).toBe('Tháng 7/2024');
    const back = await lib.recycleRestore(entry.recycleId);
    expect(back.id).toBe(copy.id);
    expect(await lib.recycleList()).toHaveLength(0);
    expect((await lib.versions(copy.id)).length).toBeGreaterThan(0);

    const sampleEntry = await lib.delete(SAMPLE_ID);
    await lib.addSample();
    const restored = await lib.recycleRestore(sampleEntry.recycleId);
    expect(restored.id).not.toBe(SAMPLE_ID);
    expect((await lib.list()).map((s) => s.id).sort()).toEqual([SAMPLE_ID, copy.id, restored.id].sort());
  });
});

describe('new reports', () => {
  it("starts a month from the previous month's profile and units with every figure blank", async () => {
    const { lib } = await makeLibrary();
    const aug = await lib.newReport({ kind: 'month', year: 2024, month: 8 });
    expect(aug.report.isSample).toBe(false);
    expect(aug.report.total).toBeNull();
    expect(aug.report.profile).toEqual(loadSample().profile);
    expect(aug.report.units.map((u) => u.id)).toEqual(loadSample().units.map((u) => u.id));
    expect(aug.report.document.number).toBeNull();
    // Every figure blank; only last month's statuses come over, marked as carried (test/unit/new-month-carry.test.ts).
    const cells = aug.report.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells)));
    expect(cells.every((c) => c === null || c.t === 'status')).toBe(true);
    expect(aug.report.carried).toHaveLength(cells.filter((c) => c !== null).length);
    // September defaults to August (the newest non-sample report before it).
    const edited = { ...aug.report, profile: { ...aug.report.profile, place: 'Bắc Kạn' } };
    await lib.save(aug.id, aug.revision, edited);
    const sep = await lib.newReport({ kind: 'month', year: 2024, month: 9 });
    expect(sep.report.profile.place).toBe('Bắc Kạn');
    const list = await lib.list();
    expect(list.map((s) => s.periodLabel)).toEqual(['Tháng 9/2024', 'Tháng 8/2024', 'Tháng 7/2024']);
  });

  it('copies the default profile, unit catalogue and number style from the settings', async () => {
    const dir = await tempDir();
    const sample = loadSample();
    const profile = { ...sample.profile, place: 'Chợ Mới' };
    // The clerk renamed a unit and gave it another name, moved a commune, dropped one and added one.
    const units = sample.units
      .filter((u) => u.id !== 'thanh-tra')
      .map((u) =>
        u.id === 'phong-qldt'
          ? { ...u, name: 'Phòng Quản lý đô thị', aliases: ['Phòng QLĐT'] }
          : u.id === 'x-nong-thuong'
            ? { ...u, blockId: 'thanh-pho' }
            : u,
      );
    units.push({ id: 'x-kim-lu', name: 'UBND xã Kim Lư', aliases: [], blockId: 'xa' });
    const lib = new ReportLibrary({
      folder: dir,
      defaults: () => ({ profile, catalogue: { blocks: sample.blocks, units }, numberStyle: { trimZeros: false, percentSpace: true } }),
    });
    const r = await lib.newReport({ kind: 'month', year: 2024, month: 8 }, SAMPLE_ID);
    expect(r.report.profile.place).toBe('Chợ Mới');
    expect(r.report.numberStyle).toEqual({ trimZeros: false, percentSpace: true });
    expect(r.report.units).toEqual(units);
    const onTime = r.report.tables.find((t) => t.kind === 'onTime')!;
    expect(onTime.rows.map((x) => x.unitId)).toEqual(units.map((u) => u.id));
    // The communes' tables cover the communes of the catalogue, in its order.
    const communes = units.filter((u) => u.blockId === 'xa').map((u) => u.id);
    expect(r.report.tables.find((t) => t.kind === 'eCopies')!.rows.map((x) => x.unitId)).toEqual(communes);
    expect(r.report.tables.find((t) => t.id === 'xep-loai-xa')!.rows.map((x) => x.unitId)).toEqual(communes);
    for (const t of r.report.tables) for (const x of t.rows) for (const c of Object.values(x.cells)) expect(c === null || c.t === 'status').toBe(true);
    // The sample in the library keeps its own units.
    expect((await lib.open(SAMPLE_ID)).report.units).toEqual(sample.units);
  });
});

describe('schema upgrades and damaged files', () => {
  it('reads a bare report without envelope as revision 0 and an older envelope is upgraded on read', async () => {
    const { dir, lib } = await makeLibrary();
    await lib.list();
    const bare = { ...loadSample(), id: 'bare-1', isSample: false };
    await writeFile(join(dir, 'reports', 'bare-1.json'), JSON.stringify(bare));
    const opened = await lib.open('bare-1');
    expect(opened.revision).toBe(0);
    const saved = await lib.save('bare-1', 0, opened.report);
    expect(saved.revision).toBe(1);
  });

  it('sets a corrupt file aside, restores the newest good version and tells the clerk', async () => {
    const { dir, lib, notices, advance } = await makeLibrary();
    const opened = await lib.open(SAMPLE_ID);
    advance(1000);
    await lib.save(SAMPLE_ID, 1, { ...opened.report, total: 77.7 });
    const path = join(dir, 'reports', `${SAMPLE_ID}.json`);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, text.length / 2)); // torn write by another program
    advance(1000);
    const list = await lib.list();
    expect(list).toHaveLength(1);
    expect(list[0]!.total).toBe(77.7);
    expect(list[0]!.revision).toBe(2);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.code).toBe('REPORT_RECOVERED');
    expect(notices[0]!.message).toMatch(/bị hỏng/);
    const aside = await readdir(join(dir, 'corrupt'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, 'corrupt', aside[0]!), 'utf8')).toBe(text.slice(0, text.length / 2));
    // The editor that had revision 2 open can go on saving.
    expect((await lib.save(SAMPLE_ID, 2, { ...opened.report, total: 78 })).revision).toBe(3);
  });

  it('a report that fails the schema is recovered too; without any good version it is set aside and reported lost', async () => {
    const { dir, lib, notices } = await makeLibrary();
    await lib.list();
    const env = JSON.parse(await readFile(join(dir, 'reports', `${SAMPLE_ID}.json`), 'utf8'));
    env.report.total = 'chín mươi';
    await writeFile(join(dir, 'reports', `${SAMPLE_ID}.json`), JSON.stringify(env));
    expect((await lib.open(SAMPLE_ID)).report.total).toBe(loadSample().total);
    expect(notices.map((n) => n.code)).toEqual(['REPORT_RECOVERED']);
    await writeFile(join(dir, 'reports', `${SAMPLE_ID}.json`), '{"broken":');
    await rm(join(dir, 'versions', SAMPLE_ID), { recursive: true });
    expect(await lib.list()).toEqual([]);
    expect(notices.map((n) => n.code)).toEqual(['REPORT_RECOVERED', 'REPORT_LOST']);
    expect(await readdir(join(dir, 'corrupt'))).toHaveLength(2);
  });

  it('leaves a report from a newer app in place and says so', async () => {
    const { dir, lib, notices } = await makeLibrary();
    await lib.list();
    const future = JSON.parse(serializeEnvelope(1, new Date().toISOString(), { ...loadSample(), id: 'future' }));
    future.report.schemaVersion = 99;
    const path = join(dir, 'reports', 'future.json');
    await writeFile(path, JSON.stringify(future));
    expect((await lib.list()).map((s) => s.id)).toEqual([SAMPLE_ID]);
    expect(notices[0]!.code).toBe('NEWER_VERSION');
    expect((await stat(path)).isFile()).toBe(true);
    expect(await readdir(join(dir, 'corrupt'))).toHaveLength(0);
  });

  it('removes temp files left by a killed writer when it opens', async () => {
    const { dir, lib } = await makeLibrary();
    await lib.list();
    const stale = join(dir, 'reports', `.${SAMPLE_ID}.json.999999.deadbeef.tmp`);
    await writeFile(stale, '{"half');
    const lib2 = new ReportLibrary({ folder: dir });
    await lib2.list();
    expect((await readdir(join(dir, 'reports'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('library backup', () => {
  it('backs up to a chosen folder and restores into an empty and into a changed library', async () => {
    const { lib, advance } = await makeLibrary();
    const usb = await tempDir();
    const aug = await lib.newReport({ kind: 'month', year: 2024, month: 8 });
    await lib.save(aug.id, aug.revision, { ...aug.report, total: 88 });
    const progress: number[] = [];
    const b = await lib.backup(usb, { progress: (d) => progress.push(d) });
    expect(b.reports).toBe(2);
    expect(b.versions).toBeGreaterThanOrEqual(3);
    expect(progress.length).toBeGreaterThan(0);
    expect((await readdir(usb))[0]).toMatch(/^BaoCao766-sao-luu-\d{8}-\d{6}$/);

    // A new computer: restore from the folder that holds the backup.
    const fresh = new ReportLibrary({ folder: await tempDir(), addSampleOnFirstRun: false, now: () => new Date('2024-08-15T08:00:00Z') });
    const res = await fresh.restoreBackup(usb);
    expect(res).toEqual({ restored: 2, unchanged: 0, skipped: 0 });
    const got = await fresh.open(aug.id);
    expect(got.report.total).toBe(88);
    expect((await fresh.versions(aug.id)).length).toBeGreaterThanOrEqual(2);

    // The same library, changed after the backup: newer saves stay; older ones are replaced after a snapshot.
    advance(60_000);
    const cur = await lib.open(aug.id);
    await lib.save(aug.id, cur.revision, { ...cur.report, total: 90 });
    const again = await lib.restoreBackup(b.folder);
    expect(again).toEqual({ restored: 0, unchanged: 2, skipped: 0 });
    expect((await lib.open(aug.id)).report.total).toBe(90);

    const older = new ReportLibrary({ folder: await tempDir(), now: () => new Date('2020-01-01T00:00:00Z') });
    await older.list();
    const r = await older.restoreBackup(b.folder);
    expect(r.restored).toBe(2);
    expect((await older.versions(SAMPLE_ID)).some((v) => v.reason === 'before-restore')).toBe(true);
  });

  it('refuses a folder without a complete backup and skips damaged files with a notice', async () => {
    const { lib, notices } = await makeLibrary();
    const usb = await tempDir();
    await expect(lib.restoreBackup(usb)).rejects.toMatchObject({ code: 'NOT_A_BACKUP' });
    const b = await lib.backup(usb);
    await writeFile(join(b.folder, 'reports', `${SAMPLE_ID}.json`), 'garbage');
    const target = new ReportLibrary({ folder: await tempDir(), onNotice: (n) => notices.push(n), addSampleOnFirstRun: false });
    const res = await target.restoreBackup(usb);
    expect(res.skipped).toBe(1);
    expect(notices.some((n) => n.code === 'BACKUP_FILE_SKIPPED')).toBe(true);
  });

  it('stops when cancelled', async () => {
    const { lib } = await makeLibrary();
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(lib.backup(await tempDir(), { signal: ctrl.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
