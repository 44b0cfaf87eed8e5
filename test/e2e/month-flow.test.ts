// End-to-end test in Chromium of a clerk's whole month: new month, import a per-unit workbook and a dossier list, confirm a unit, fix a finding, preview, export, back up and restore.
import { execFile } from 'node:child_process';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite, gridCell, openApp, screenshot } from '../helpers/browser';
import { writeDossierWorkbook } from '../helpers/dossier-lists';
import { clerkOnTimeWorkbook } from '../helpers/workbooks';

const run = promisify(execFile);

const suite = e2eSuite('bc766-month-');
const cell = gridCell;

async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-status"]', { hasText: /^Đã lưu lúc \d\d:\d\d$/ }).waitFor({ timeout: 10_000 });
}

const DOSSIER_HEADER = ['Mã hồ sơ', 'Cơ quan tiếp nhận', 'Hình thức nộp', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả', 'Phí', 'Thanh toán trực tuyến', 'Đánh giá'];
/** Phòng Văn hóa & Thông tin in August 2024: 4 dossiers, 3 on time (75 %), 2 online (50 %), 2 with a fee, 1 paid online (50 %), 2 rated, 1 satisfied (50 %). */
const DOSSIER_ROWS: (string | number | null)[][] = [
  ['V1', 'Phòng Văn hóa & Thông tin', 'Trực tuyến', '02/08/2024', '05/08/2024', '04/08/2024', 50000, 'Có', 'Hài lòng'],
  ['V2', 'Phòng Văn hóa & Thông tin', 'Trực tuyến', '05/08/2024', '07/08/2024', '09/08/2024', 20000, 'Không', 'Không hài lòng'],
  ['V3', 'Phòng Văn hóa & Thông tin', 'Trực tiếp', '06/08/2024', '12/08/2024', '12/08/2024', 0, null, null],
  ['V4', 'Phòng Văn hóa & Thông tin', 'Trực tiếp', '07/08/2024', '09/09/2024', null, null, null, null],
  // A dossier of July is not counted in August.
  ['V0', 'Phòng Văn hóa & Thông tin', 'Trực tiếp', '30/07/2024', '02/08/2024', '01/08/2024', null, null, null],
  // Thanh tra, spelt without diacritics by the one-stop system: unknown until the clerk confirms the suggestion.
  ['T1', 'Thanh tra TP', 'Trực tuyến', '08/08/2024', '15/08/2024', '12/08/2024', null, null, 'Hài lòng'],
];

describe("a clerk's month in Chromium over the real core", () => {
  it('new month → import → unknown unit → dossier list → fix a finding → preview → export PDF and Excel → backup → restore into an empty library', async () => {
    const files = join(suite.root, 'received');
    await mkdir(files, { recursive: true });
    const perUnit = join(files, 'Đúng hạn tháng 8.xlsx');
    await writeFile(perUnit, await clerkOnTimeWorkbook());
    const dossiers = await writeDossierWorkbook(join(files, 'Danh sách hồ sơ tháng 8.xlsx'), {
      title: ['DANH SÁCH HỒ SƠ', 'Tháng 8/2024'],
      header: DOSSIER_HEADER,
      rows: DOSSIER_ROWS,
    });

    const app = await openApp(suite.browser, join(suite.root, 'lib', 'library'));
    const { page, runtime, dialogs } = app;
    try {
      // 1. The new month from the previous one (the sample is July 2024).
      await page.locator('.library-table').waitFor();
      await page.getByRole('button', { name: 'Báo cáo mới' }).click();
      const dlg = page.getByRole('dialog', { name: 'Báo cáo mới' });
      expect(await dlg.textContent()).toContain('Tháng 8/2024');
      await dlg.getByRole('button', { name: 'Báo cáo mới' }).click();
      await page.locator('.sections-nav').waitFor();
      expect(await page.locator('.topbar h1').textContent()).toContain('Tháng 8/2024');
      await screenshot(page, 'm01-new-month');

      // 2. Import the per-unit workbook: what was recognised, old → new, an unknown unit with its suggestion.
      dialogs.openFile.push([perUnit]);
      await page.getByRole('button', { name: 'Nhập Excel' }).click();
      const wizard = page.getByRole('dialog', { name: 'Nhập dữ liệu' });
      await wizard.waitFor();
      await screenshot(page, 'm02-import-choose');

      // The blank template for the report's units, to send to the units.
      const template = join(suite.root, 'Mau-nhap-UBND-2024-08.xlsx');
      dialogs.saveFile.push(template);
      await wizard.getByRole('button', { name: 'Tải mẫu Excel trống…' }).click();
      const templateDone = page.getByRole('dialog', { name: 'Đã xuất tệp' });
      await templateDone.waitFor();
      expect(dialogs.asked.at(-1)).toBe('saveFile:{"purpose":"xlsx","defaultName":"Mau-nhap-UBND-2024-08.xlsx"}');
      await templateDone.getByRole('button', { name: 'Đóng' }).click();
      await templateDone.waitFor({ state: 'detached' });
      const tb = new ExcelJS.Workbook();
      await tb.xlsx.readFile(template);
      const names = new Set<string>();
      tb.eachSheet((ws) => ws.eachRow((row) => (row.values as unknown[]).forEach((v) => typeof v === 'string' && names.add(v))));
      for (const unit of ['UBND phường Đức Xuân', 'Phòng Văn hóa & Thông tin', 'UBND xã Nông Thượng']) expect(names.has(unit)).toBe(true);
      await wizard.getByRole('button', { name: 'Chọn tệp Excel bảng số liệu…' }).click();
      await wizard.locator('.change-table').first().waitFor();
      const recognised = (await wizard.locator('.sources').textContent()) ?? '';
      expect(recognised).toContain('Đúng hạn tháng 8.xlsx › Sheet1');
      expect(recognised).toContain('TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN');
      expect(recognised).toContain('10/12 đơn vị khớp với báo cáo');
      expect(recognised).toContain('“Số hồ sơ”: cột số lượng');
      const ducXuan = wizard.locator('.change-table tr', { hasText: 'UBND phường Đức Xuân' });
      expect(await ducXuan.locator('td.old').textContent()).toBe('(trống)');
      expect(await ducXuan.locator('td.new').textContent()).toBe('97,74');
      const unknown = wizard.locator('.unknown-unit', { hasText: 'Phường Huyền Tung' });
      expect(await unknown.textContent()).toContain('Có phải: UBND phường Huyền Tụng?');
      expect(await wizard.locator('.change-table tr', { hasText: 'UBND phường Huyền Tụng' }).count()).toBe(0);
      await screenshot(page, 'm03-import-preview');

      // Confirm the suggestion: the row is now imported and the name will be remembered as an alias.
      await unknown.getByRole('button', { name: 'Đúng' }).click();
      await wizard.locator('[data-testid="aliases"]').waitFor();
      expect(await wizard.locator('[data-testid="aliases"]').textContent()).toContain('“Phường Huyền Tung” = UBND phường Huyền Tụng');
      expect(await wizard.locator('.change-table tr', { hasText: 'UBND phường Huyền Tụng' }).locator('td.new').textContent()).toBe('98,44');
      expect(await wizard.locator('.unknown-unit', { hasText: 'Phường Huyền Tung' }).count()).toBe(0);
      await screenshot(page, 'm04-import-confirmed');
      await wizard.getByRole('button', { name: /^Áp dụng \(\d+ ô\)$/ }).click();
      await wizard.waitFor({ state: 'detached' });
      await page.locator('.banner', { hasText: /Đã nhập \d+ ô, ghi nhớ 1 tên gọi khác/ }).waitFor();

      // The import is one undoable step and stays highlighted.
      await page.locator('.sections-nav button', { hasText: 'Tiến độ giải quyết' }).click();
      await page.locator('.table-block[data-table="dung-han"]').waitFor();
      expect(await cell(page, 'dung-han', 'p-duc-xuan', 'rate').textContent()).toBe('97,74');
      expect(await cell(page, 'dung-han', 'p-duc-xuan', 'rate').getAttribute('class')).toContain('changed');
      expect(await cell(page, 'dung-han', 'p-huyen-tung', 'rate').textContent()).toBe('98,44');
      await screenshot(page, 'm05-imported');
      await page.getByRole('button', { name: /Hoàn tác/ }).click();
      expect(await cell(page, 'dung-han', 'p-duc-xuan', 'rate').textContent()).toBe('');
      await page.getByRole('button', { name: /Làm lại/ }).click();
      expect(await cell(page, 'dung-han', 'p-duc-xuan', 'rate').textContent()).toBe('97,74');
      await waitSaved(page);
      const stored = await runtime.library.open((await runtime.library.list()).find((r) => r.periodLabel === 'Tháng 8/2024')!.id);
      expect(stored.report.units.find((u) => u.id === 'p-huyen-tung')!.aliases).toContain('Phường Huyền Tung');
      const versions = await runtime.library.versions(stored.id);
      expect(versions.some((v) => v.reason === 'before-import')).toBe(true);

      // 3. The dossier list: progress, then the computed figures, which the clerk chooses to fill in.
      dialogs.openFile.push([dossiers]);
      await page.getByRole('button', { name: 'Nhập Excel' }).click();
      await wizard.waitFor();
      await wizard.getByRole('button', { name: 'Chọn danh sách hồ sơ…' }).click();
      // "Cột trong tệp": every column was found by its name; "Tính số liệu" computes.
      await wizard.getByRole('button', { name: 'Tính số liệu' }).click();
      const figures = wizard.locator('.dossier-figures');
      await figures.waitFor();
      const vh = figures.locator('tr', { hasText: 'Phòng Văn hóa & Thông tin' });
      expect((await vh.locator('td').allTextContents()).slice(1)).toEqual(['4', '75', '25', '50', '50', '50']);
      expect(await wizard.textContent()).toContain('Số liệu tính từ danh sách hồ sơ');
      // "Thanh tra TP" is not a unit of the report: confirming the suggestion reads the list again with it.
      const tt = wizard.locator('.unknown-unit', { hasText: 'Thanh tra TP' });
      expect(await tt.textContent()).toContain('Có phải: Thanh tra?');
      expect(await figures.locator('tr', { hasText: /^Thanh tra/ }).count()).toBe(0);
      await tt.getByRole('button', { name: 'Đúng' }).click();
      await wizard.locator('[data-testid="aliases"]', { hasText: '“Thanh tra TP” = Thanh tra' }).waitFor();
      expect((await figures.locator('tr', { hasText: /^Thanh tra/ }).locator('td').allTextContents()).slice(1)).toEqual(['1', '100', '0', '100', '—', '100']);
      await screenshot(page, 'm06-dossiers');
      // Leave the satisfaction table out.
      await wizard.getByRole('checkbox', { name: /^Mức độ hài lòng/ }).uncheck();
      await wizard.getByRole('button', { name: /^Áp dụng \(\d+ ô\)$/ }).click();
      await wizard.waitFor({ state: 'detached' });
      await page.locator('.sections-nav button', { hasText: 'Dịch vụ công trực tuyến' }).click();
      await page.locator('.table-block[data-table="truc-tuyen"]').waitFor();
      expect(await cell(page, 'truc-tuyen', 'phong-vh-tt', 'rate').textContent()).toContain('50');
      expect(await cell(page, 'truc-tuyen', 'thanh-tra', 'rate').textContent()).toContain('100');
      await page.locator('.sections-nav button', { hasText: 'Mức độ hài lòng' }).click();
      await page.locator('.table-block[data-table="hai-long"]').waitFor();
      expect(await cell(page, 'hai-long', 'phong-vh-tt', 'rate').textContent()).toBe('');
      await screenshot(page, 'm07-dossiers-filled');
      await waitSaved(page);
      const afterDossiers = await runtime.library.open(stored.id);
      expect(afterDossiers.report.units.find((u) => u.id === 'thanh-tra')!.aliases).toContain('Thanh tra TP');

      // 4. Fix a finding: the import left Huyền Tụng below 100 % on time but out of the overdue list.
      const finding = page.locator('.finding', { hasText: 'UBND phường Huyền Tụng có tỷ lệ đúng hạn 98,44%' });
      await finding.click();
      await page.locator('.table-block[data-table="qua-han"]').waitFor();
      await page.locator('input.grid-editor:focus').waitFor();
      await page.keyboard.type('1,56');
      await page.keyboard.press('Enter');
      expect(await cell(page, 'qua-han', 'p-huyen-tung', 'rate').textContent()).toBe('1,56');
      await finding.waitFor({ state: 'detached' });
      await screenshot(page, 'm08-finding-fixed');

      // The document gets its number and day, so it prints as final.
      await page.locator('.sections-nav button', { hasText: 'Thông tin chung' }).click();
      await page.locator('[data-loc="document:number"]').fill('412');
      await page.keyboard.press('Tab');
      await page.locator('[data-loc="document:date"]').fill('15');
      await page.keyboard.press('Tab');
      await waitSaved(page);

      // 5. Preview: the PDF page by page, drawn by pdf.js.
      await page.getByRole('button', { name: 'Xem trước' }).click();
      const preview = page.getByRole('dialog', { name: 'Xem trước' });
      await preview.waitFor();
      await preview.locator('[data-testid="preview-status"]', { hasText: /^\d+ trang, như khi in \(bản chính thức/ }).waitFor({ timeout: 60_000 });
      const pages = await preview.locator('canvas').count();
      expect(pages).toBeGreaterThanOrEqual(2);
      const inked = await page.evaluate(`(() => {
        const c = document.querySelector('.pdf-page canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let dark = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 3] > 0) dark++;
        return { dark, width: c.width };
      })()`);
      expect((inked as { dark: number }).dark).toBeGreaterThan(1000);
      await screenshot(page, 'm09-preview');
      await preview.getByRole('radio', { name: 'Bản dự thảo' }).check();
      await preview.locator('[data-testid="preview-status"]', { hasText: /bản dự thảo: số văn bản và ngày để trống/ }).waitFor({ timeout: 60_000 });
      // Keyboard: Tab stays inside the preview, Esc closes it and focus returns to the toolbar.
      for (let i = 0; i < 7; i++) {
        await page.keyboard.press('Tab');
        expect(await page.evaluate(`!!document.activeElement?.closest('.preview-screen')`)).toBe(true);
      }
      await page.keyboard.press('Escape');
      await preview.waitFor({ state: 'detached' });
      expect(await page.evaluate(`document.activeElement?.textContent`)).toBe('Xem trước');

      // 6. Export the PDF: the save dialog proposes BC-412-UBND-2024-08.pdf; then the folder is opened.
      const out = join(suite.root, 'exports');
      await mkdir(out, { recursive: true });
      const pdfPath = join(out, 'BC-412-UBND-2024-08.pdf');
      dialogs.saveFile.push(pdfPath);
      await page.getByRole('button', { name: 'Xuất PDF' }).click();
      // The final-export gate: the group scores of the month are still empty; the clerk exports anyway.
      const gate = page.getByRole('dialog', { name: 'Bản chính thức còn lỗi hoặc thiếu số liệu' });
      await gate.waitFor();
      expect(await gate.textContent()).toContain('Điểm nhóm “1. Công khai, minh bạch”');
      await gate.getByRole('button', { name: 'Vẫn xuất' }).click();
      const done = page.getByRole('dialog', { name: 'Đã xuất tệp' });
      await done.waitFor();
      expect(dialogs.asked.at(-1)).toBe('saveFile:{"purpose":"pdf","defaultName":"BC-412-UBND-2024-08.pdf"}');
      expect(await done.textContent()).toContain('Bản chính thức');
      await screenshot(page, 'm10-exported-pdf');
      await done.getByRole('button', { name: 'Mở thư mục chứa tệp' }).click();
      await done.waitFor({ state: 'detached' });
      await expect.poll(() => dialogs.shellCalls).toEqual([`folder:${pdfPath}`]);
      const { stdout: pdfText } = await run('pdftotext', ['-layout', pdfPath, '-']);
      expect(pdfText).toContain('412/BC-UBND');
      expect(pdfText).toMatch(/tháng 8 năm 2024/);
      expect(pdfText).toMatch(/UBND phường Đức Xuân\s+97,74/);
      expect(pdfText).toMatch(/UBND phường Huyền Tụng\s+1,56/);

      // 7. Export Excel into a folder that is missing: a clear message, and Thử lại once it is there.
      const xlsxPath = join(out, 'usb', 'BC-412-UBND-2024-08.xlsx');
      dialogs.saveFile.push(xlsxPath);
      await page.getByRole('button', { name: 'Xuất Excel' }).click();
      await page.getByRole('dialog', { name: 'Báo cáo xuất ra Excel còn lỗi hoặc thiếu số liệu' }).getByRole('button', { name: 'Vẫn xuất' }).click();
      const failed = page.getByRole('dialog', { name: 'Chưa xuất được tệp' });
      await failed.waitFor();
      expect(await failed.locator('[role="alert"]').textContent()).toMatch(/\S/);
      await screenshot(page, 'm11-export-failed');
      await mkdir(join(out, 'usb'));
      await failed.getByRole('button', { name: 'Thử lại' }).click();
      await done.waitFor();
      await done.getByRole('button', { name: 'Mở tệp' }).click();
      await expect.poll(() => dialogs.shellCalls.at(-1)).toBe(`open:${xlsxPath}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsxPath);
      const found: string[] = [];
      wb.eachSheet((ws) =>
        ws.eachRow((row) => {
          const values = (row.values as unknown[]).map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v));
          if (values.includes('UBND phường Đức Xuân') && values.includes(97.74)) found.push(ws.name);
        }),
      );
      expect(found.length).toBeGreaterThan(0);

      // 8. Back up the library to a USB folder.
      await page.getByRole('button', { name: '← Thư viện' }).click();
      await page.locator('.library-table').waitFor();
      const usb = join(suite.root, 'usb');
      await mkdir(usb);
      dialogs.chooseFolder.push(usb);
      await page.getByRole('button', { name: 'Sao lưu…' }).click();
      const backup = page.getByRole('dialog', { name: 'Sao lưu và khôi phục' });
      await backup.getByRole('button', { name: 'Sao lưu thư viện…' }).click();
      await backup.locator('[data-testid="backup-result"]').waitFor();
      expect(await backup.locator('[data-testid="backup-result"]').textContent()).toMatch(/^Đã sao lưu 2 báo cáo và \d+ phiên bản vào “.*BaoCao766-sao-luu-/);
      await screenshot(page, 'm12-backup');
      expect((await readdir(usb)).filter((n) => n.startsWith('BaoCao766-sao-luu-'))).toHaveLength(1);
    } finally {
      await screenshot(app.page, 'm99-last-state-first-pc').catch(() => undefined);
      await app.close();
    }

    // 9. Restore the backup into an empty library (another computer).
    const empty = join(suite.root, 'other-pc', 'library');
    const app2 = await openApp(suite.browser, empty);
    try {
      const { page, dialogs } = app2;
      await page.locator('.library-table').waitFor();
      expect(await page.locator('.library-table tbody tr', { hasText: 'Tháng 8/2024' }).count()).toBe(0);
      dialogs.chooseFolder.push(join(suite.root, 'usb'));
      await page.getByRole('button', { name: 'Sao lưu…' }).click();
      const backup = page.getByRole('dialog', { name: 'Sao lưu và khôi phục' });
      await backup.getByRole('button', { name: 'Khôi phục từ bản sao lưu…' }).click();
      await backup.locator('[data-testid="backup-result"]').waitFor();
      expect(await backup.locator('[data-testid="backup-result"]').textContent()).toMatch(/^Đã khôi phục [12] báo cáo/);
      await screenshot(page, 'm13-restored');
      await backup.getByRole('button', { name: 'Đóng' }).click();
      const row = page.locator('.library-table tbody tr', { hasText: 'Tháng 8/2024' });
      await row.waitFor();
      expect(await row.textContent()).toContain('412/BC-UBND');
      await row.dblclick();
      await page.locator('.sections-nav button', { hasText: 'Tiến độ giải quyết' }).click();
      await page.locator('.table-block[data-table="dung-han"]').waitFor();
      expect(await cell(page, 'dung-han', 'p-duc-xuan', 'rate').textContent()).toBe('97,74');
      expect(await cell(page, 'qua-han', 'p-huyen-tung', 'rate').textContent()).toBe('1,56');
      await screenshot(page, 'm14-restored-report');
      expect((await stat(join(empty, 'reports'))).isDirectory()).toBe(true);
    } finally {
      await app2.close();
    }
  }, 300_000);

  it('Excel files dropped on the report window open the import wizard with their preview; other files get a clear message', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib-drop', 'library'));
    const { page } = app;
    try {
      await page.locator('.library-table').waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.sections-nav').waitFor();
      const drop = async (name: string, bytes: Buffer) =>
        page.evaluate(
          `(() => {
            const bin = atob(${JSON.stringify(bytes.toString('base64'))});
            const data = new Uint8Array(bin.length);
            for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
            const dt = new DataTransfer();
            dt.items.add(new File([data], ${JSON.stringify(name)}));
            document.querySelector('.section-main').dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
            document.querySelector('.section-main').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
          })()`,
        );
      await drop('Đúng hạn tháng 7.xlsx', await clerkOnTimeWorkbook());
      const wizard = page.getByRole('dialog', { name: 'Nhập dữ liệu' });
      await screenshot(page, 'm16-dropped').catch(() => undefined);
      await wizard.locator('.sources').waitFor({ timeout: 10_000 });
      expect(await wizard.locator('.sources').textContent()).toContain('Đúng hạn tháng 7.xlsx › Sheet1');
      await screenshot(page, 'm16-dropped');
      await wizard.getByRole('button', { name: 'Hủy' }).click();
      await wizard.waitFor({ state: 'detached' });
      await drop('ghi chú.pdf', Buffer.from('%PDF-1.4'));
      await wizard.locator('[role="alert"]', { hasText: 'Không nhập được “ghi chú.pdf”: chỉ kéo thả được tệp Excel' }).waitFor();
    } finally {
      await app.close();
    }
  }, 120_000);

  it('settings: the default profile and unit catalogue go into new reports, existing reports keep their own', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib-settings', 'library'));
    const { page, runtime, dialogs } = app;
    try {
      await page.locator('.library-table').waitFor();
      await page.getByRole('button', { name: 'Cài đặt' }).click();
      await page.getByRole('heading', { name: 'Cơ quan ban hành' }).waitFor();
      // No defaults yet: the form shows the newest report's profile and units.
      expect(await page.locator('.settings-main').textContent()).toContain('đang hiển thị thông tin của báo cáo Tháng 7/2024');
      await page.getByLabel('Họ và tên người ký').fill('Nguyễn Văn An');
      await page.getByLabel('Tên đơn vị Phòng QLĐT').fill('Phòng Quản lý đô thị');
      await page.getByLabel('Tên gọi khác của Phòng Quản lý đô thị').fill('Phòng QLĐT; P. QLĐT');
      await page.getByLabel('Tên gọi khác của Phòng Quản lý đô thị').press('Tab');
      await page.getByLabel('Đưa Thanh tra lên').click();
      await page.getByLabel('Cấp của UBND xã Nông Thượng').selectOption('thanh-pho');
      await page.getByLabel('Thêm đơn vị').fill('UBND xã Kim Lư');
      await page.getByRole('button', { name: 'Thêm', exact: true }).click();
      await page.getByLabel('Luôn viết 2 chữ số thập phân (91,80)').check();
      expect(await page.locator('[data-testid="number-example"]').textContent()).toBe('Ví dụ: 91,80%; 100,00%');
      const exportFolder = join(suite.root, 'xuat');
      dialogs.chooseFolder.push(exportFolder);
      await page.getByRole('button', { name: 'Chọn thư mục…' }).click();
      await page.locator('[data-testid="export-folder"]', { hasText: exportFolder }).waitFor();
      await screenshot(page, 'm15-settings');
      // A required field left empty is named in the clerk's words; nothing is saved.
      const code = page.getByLabel('Ký hiệu cơ quan trong số văn bản (UBND)');
      await code.fill('');
      await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
      await page.locator('.banner.error', { hasText: 'Chưa lưu: hãy điền Ký hiệu cơ quan trong số văn bản.' }).waitFor();
      expect(runtime.settings.get().profile).toBeNull();
      await code.fill('UBND');
      await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
      await page.locator('.banner', { hasText: 'Đã lưu cài đặt' }).waitFor();
      const settings = runtime.settings.get();
      expect(settings.profile?.signer.name).toBe('Nguyễn Văn An');
      expect(settings.numberStyle.trimZeros).toBe(false);
      expect(settings.exportFolder).toBe(exportFolder);
      const units = settings.catalogue!.units;
      expect(units.find((u) => u.id === 'phong-qldt')).toMatchObject({ name: 'Phòng Quản lý đô thị', aliases: ['Phòng QLĐT', 'P. QLĐT'] });
      expect(units.find((u) => u.id === 'x-nong-thuong')!.blockId).toBe('thanh-pho');
      expect(units.find((u) => u.name === 'UBND xã Kim Lư')).toMatchObject({ id: 'ubnd-xa-kim-lu', blockId: 'xa' });
      const cityIds = units.filter((u) => u.blockId === 'thanh-pho').map((u) => u.id);
      expect(cityIds.indexOf('thanh-tra')).toBe(cityIds.indexOf('van-phong') - 1);
      expect(cityIds.at(-1)).toBe('x-nong-thuong');

      // A new report copies them; the sample keeps its own.
      await page.getByRole('button', { name: '← Thư viện' }).click();
      await page.getByRole('button', { name: 'Báo cáo mới' }).click();
      await page.getByRole('dialog', { name: 'Báo cáo mới' }).getByRole('button', { name: 'Báo cáo mới' }).click();
      await page.locator('.sections-nav').waitFor();
      const list = await runtime.library.list();
      const made = await runtime.library.open(list.find((r) => r.periodLabel === 'Tháng 8/2024')!.id);
      expect(made.report.profile.signer.name).toBe('Nguyễn Văn An');
      expect(made.report.numberStyle.trimZeros).toBe(false);
      // The catalogue becomes the new report's units: names, other names, order and blocks (applyCatalogue).
      expect(made.report.units).toEqual(units);
      expect(made.report.tables.find((t) => t.kind === 'onTime')!.rows.map((x) => x.unitId)).toEqual(units.map((u) => u.id));
      const sample = await runtime.library.open(list.find((r) => r.isSample)!.id);
      expect(sample.report.profile.signer.name).not.toBe('Nguyễn Văn An');
      expect(sample.report.units.find((u) => u.id === 'phong-qldt')!.name).toBe('Phòng QLĐT');
    } finally {
      await app.close();
    }
  }, 120_000);
});
