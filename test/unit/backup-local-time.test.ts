// Backup folders are named in the computer's local time, the time the app shows (issue 17 §10), and a folder holding
// backups named the old way (UTC) and the new way still gives the newest backup.
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupFolderName, findBackupFolder } from '../../core/library/backup-folders';
import { ReportLibrary } from '../../core/library/library';

const savedTz = process.env.TZ;
const dirs: string[] = [];
beforeAll(() => {
  // Hà Nội, UTC+7: 20:30 UTC on 15 August is 03:30 on 16 August.
  process.env.TZ = 'Asia/Ho_Chi_Minh';
});
afterAll(async () => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('backup folder names', () => {
  it('use local time, not UTC', () => {
    const d = new Date('2024-08-15T20:30:05.000Z');
    expect(d.getHours()).toBe(3); // the zone took effect
    expect(backupFolderName(d)).toBe('BaoCao766-sao-luu-20240816-033005');
  });

  it('the library names its backup so; restore takes the newest by its manifest, whatever the names', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bc766-bk-'));
    dirs.push(root);
    let t = new Date('2024-08-15T20:30:05.000Z').getTime();
    const lib = new ReportLibrary({ folder: join(root, 'lib'), now: () => new Date(t) });
    await lib.list();
    const dest = join(root, 'usb');
    const first = await lib.backup(dest);
    expect(first.folder.endsWith('BaoCao766-sao-luu-20240816-033005')).toBe(true);
    // A later backup whose folder was named the old way, in UTC ("…-20240815-223005"), sorts before the earlier
    // local-time name ("…-20240816-033005") yet is the newest: restore finds it by its manifest.
    t += 2 * 3600_000;
    const second = await lib.backup(dest);
    await rename(second.folder, join(dest, 'BaoCao766-sao-luu-20240815-223005'));
    expect((await readdir(dest)).sort()).toEqual(['BaoCao766-sao-luu-20240815-223005', 'BaoCao766-sao-luu-20240816-033005']);
    expect(await findBackupFolder(dest)).toBe(join(dest, 'BaoCao766-sao-luu-20240815-223005'));
  });
});
