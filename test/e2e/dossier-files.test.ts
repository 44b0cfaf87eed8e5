// End-to-end in Chromium: several dossier lists chosen together in the import wizard. A file chosen twice (the same
// dossiers in two files) is refused with one Vietnamese message naming both files, and nothing in the report
// changes; the right files give the figures of all of them. Screenshots under test-results/screens/d*.png.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite, gridCell, openApp, screenshot } from '../helpers/browser';
import { writeDossierWorkbook } from '../helpers/dossier-lists';

const suite = e2eSuite('bc766-dossier-files-');

const HEADER = ['Mã hồ sơ', 'Cơ quan tiếp nhận', 'Hình thức nộp', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả'];
const VH = 'Phòng Văn hóa & Thông tin';
/** The first half of July 2024: 3 dossiers of Văn hóa, 2 on time (HS-0702 is late), 2 online. */
const FIRST_HALF: (string | null)[][] = [
  ['HS-0701', VH, 'Trực tuyến', '02/07/2024', '05/07/2024', '04/07/2024'],
  ['HS-0702', VH, 'Trực tuyến', '05/07/2024', '08/07/2024', '10/07/2024'],
  ['HS-0703', VH, 'Trực tiếp', '10/07/2024', '15/07/2024', '12/07/2024'],
];
/** The second half: 1 more, on time, online. */
const SECOND_HALF: (string | null)[][] = [['HS-0716', VH, 'Trực tuyến', '16/07/2024', '19/07/2024', '18/07/2024']];

async function compute(page: Page, paths: string[], dialogs: { openFile: string[][] }): Promise<void> {
  dialogs.openFile.push(paths);
  const wizard = page.getByRole('dialog', { name: /Nhập/ });
  await wizard.getByRole('button', { name: 'Chọn danh sách hồ sơ…' }).click();
  await wizard.getByRole('button', { name: 'Tính số liệu' }).click();
}

describe('several dossier lists chosen together', () => {
  it('a file chosen twice is refused by name and changes nothing; the right files give the figures of all of them', async () => {
    const files = join(suite.root, 'received');
    await mkdir(files, { recursive: true });
    const first = await writeDossierWorkbook(join(files, 'Hồ sơ 1-15 tháng 7.xlsx'), { header: HEADER, rows: FIRST_HALF });
    const second = await writeDossierWorkbook(join(files, 'Hồ sơ 16-31 tháng 7.xlsx'), { header: HEADER, rows: SECOND_HALF });
    const copy = join(files, 'Hồ sơ 1-15 tháng 7 (bản sao).xlsx');
    await copyFile(first, copy);

    const app = await openApp(suite.browser, join(suite.root, 'lib', 'library'), { width: 1366, height: 768 });
    const { page, dialogs } = app;
    try {
      await page.locator('.library-table tbody tr').first().dblclick();
      await page.locator('.sections-nav').waitFor();
      await page.locator('.sections-nav button', { hasText: 'Dịch vụ công trực tuyến' }).click();
      await page.locator('.table-block[data-table="truc-tuyen"]').waitFor();
      const before = await gridCell(page, 'truc-tuyen', 'phong-vh-tt', 'rate').textContent();

      // 1. The first half and its copy: refused, both files named, how many dossiers they share, what to do.
      await page.getByRole('button', { name: 'Nhập Excel' }).click();
      const wizard = page.getByRole('dialog', { name: /Nhập/ });
      await wizard.waitFor();
      await compute(page, [first, copy], dialogs);
      const alert = wizard.getByRole('alert');
      await alert.waitFor();
      expect((await alert.textContent())!.trim()).toBe(
        'Tệp “Hồ sơ 1-15 tháng 7 (bản sao).xlsx” có 3 hồ sơ trùng mã với tệp “Hồ sơ 1-15 tháng 7.xlsx”, nên các hồ sơ này sẽ bị tính hai lần. ' +
          'Hãy bỏ tệp bị chọn trùng, hoặc chọn các tệp không trùng nhau (mỗi tệp một tháng theo ngày tiếp nhận), rồi tính lại.',
      );
      expect(await wizard.locator('.dossier-figures').count()).toBe(0);
      await screenshot(page, 'd01-files-overlap');

      // 2. The two halves: the figures of all four dossiers (3 of 4 on time, 3 of 4 online).
      await compute(page, [first, second], dialogs);
      const figures = wizard.locator('.dossier-figures');
      await figures.waitFor();
      expect(await wizard.getByRole('alert').count()).toBe(0);
      const vh = figures.locator('tr', { hasText: VH });
      expect((await vh.locator('td').allTextContents()).slice(1, 4)).toEqual(['4', '75', '25']);
      await screenshot(page, 'd02-files-together');

      // Nothing was applied: the report's figure is unchanged.
      await wizard.getByRole('button', { name: 'Hủy', exact: true }).click();
      await wizard.waitFor({ state: 'detached' });
      expect(await gridCell(page, 'truc-tuyen', 'phong-vh-tt', 'rate').textContent()).toBe(before);
    } finally {
      await app.close();
    }
  }, 120_000);
});
