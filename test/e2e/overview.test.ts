// End-to-end test in Chromium of the overview ("Tổng quan") over the real core with a library of three months: the
// trend with the previous month side by side, the points lost (estimates), the units ranked with a click to the
// unit's row, a what-if that reaches the next band saved as a scenario, and the month comparison beside a table.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite, openApp, screenshot } from '../helpers/browser';
import { threeMonths } from '../helpers/overview-library';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APPENDIX_TITLE } from '../../core/pdf/appendix';
import { pdfText } from '../helpers/pdf';

const suite = e2eSuite('bc766-overview-');

async function figure(page: Page, heading: string) {
  const f = page.locator('figure.chart-figure', { has: page.getByRole('heading', { name: heading, exact: true }) });
  await f.waitFor();
  return f;
}

describe('the overview in Chromium', () => {
  it('shows the trend, the points lost and a what-if that reaches the next band; a unit click goes to its row', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib', 'library'));
    const { page, runtime } = app;
    try {
      const months = threeMonths();
      months[2]!.document.number = '372';
      for (const r of months) await runtime.library.save(r.id, 0, r);
      await page.reload();
      await page.locator('.library-table tbody tr[data-id="thang-7"]').dblclick();
      await page.locator('.sections-nav').waitFor();

      // "Tổng quan" is first in the navigation.
      const nav = page.locator('.sections-nav button');
      expect((await nav.first().textContent())?.trim()).toBe('Tổng quan');
      await nav.first().click();
      const kpis = page.getByTestId('overview-kpis');
      await kpis.waitFor();
      const kpiText = (await kpis.textContent()) ?? '';
      expect(kpiText).toContain('88,4');
      expect(kpiText).toContain('Tốt');
      expect(kpiText).toContain('Còn thiếu 1,6 điểm để đạt Xuất sắc');
      expect(kpiText).toContain('▲ tăng 2,8 so với Tháng 6/2024');
      expect(kpiText).toContain('3/8');

      // Groups against their maxima with the points lost, drawn as SVG with a table of the numbers.
      const groups = await figure(page, 'Điểm các nhóm chỉ số so với điểm tối đa');
      expect(await groups.locator('svg text', { hasText: '18,7/20 · mất 1,3' }).count()).toBe(1);
      await groups.getByRole('button', { name: 'Xem bảng số liệu' }).click();
      const groupRows = await groups.locator('table.data-table tbody tr').allTextContents();
      expect(groupRows).toContain('Số hóa hồ sơ17,7224,3');

      // The sub-indicators losing most: estimates, labelled.
      const losses = await figure(page, 'Các chỉ tiêu mất nhiều điểm nhất');
      expect(await losses.locator('.estimate-tag').textContent()).toBe('ước tính');
      expect(await losses.locator('svg text', { hasText: '18,42/20 · mất 1,58' }).count()).toBe(1);

      // The trend over the three months, thresholds drawn, and the previous month side by side.
      const trend = await figure(page, 'Tổng điểm qua các kỳ');
      expect(await trend.locator('svg circle').count()).toBe(3);
      expect(await trend.locator('svg text', { hasText: 'Xuất sắc 90' }).count()).toBe(1);
      await trend.getByRole('button', { name: 'Xem bảng số liệu' }).click();
      expect(await trend.locator('table.data-table tbody tr').allTextContents()).toEqual(['Tháng 5/202484,1', 'Tháng 6/202485,6', 'Tháng 7/202488,4']);
      const side = page.getByTestId('side-by-side');
      expect(await side.locator('tbody tr').first().textContent()).toBe('Tổng điểm85,688,4+2,8');
      await trend.scrollIntoViewIfNeeded();
      await screenshot(page, 'ov01-trend');
      await page.evaluate(`document.querySelector('.section-main').scrollTo(0, 0)`);
      await screenshot(page, 'ov00-overview-top');

      // Units ranked worst first with band colours.
      const rank = await figure(page, 'Đơn vị xếp theo tổng điểm, thấp nhất trước');
      const firstLabel = rank.locator('svg text.m-label').first();
      expect(await firstLabel.textContent()).toBe('UBND phường Sông Cầu');
      await rank.scrollIntoViewIfNeeded();
      await screenshot(page, 'ov02-ranking');
      // A unit's own trend from its row: its total month by month from the library's reports.
      await rank.getByRole('button', { name: 'Xem bảng số liệu' }).click();
      await rank.locator('table.data-table tbody tr', { hasText: 'UBND phường Sông Cầu' }).getByRole('button', { name: 'Xu hướng' }).click();
      const unitTrend = page.getByTestId('unit-trend');
      await unitTrend.locator('svg').waitFor();
      await unitTrend.getByRole('button', { name: 'Xem bảng số liệu' }).click();
      const unitRows = await unitTrend.locator('table.data-table tbody tr').allTextContents();
      expect(unitRows.map((r) => r.slice(0, 17))).toEqual(['Tháng 5/202469,18', 'Tháng 6/202470,68', 'Tháng 7/202472,18']);
      await unitTrend.scrollIntoViewIfNeeded();
      await screenshot(page, 'ov02b-unit-trend');
      await unitTrend.getByRole('button', { name: 'Đóng' }).click();

      // What-if: on-time 92,08 → 97 and online payment 89,73 → 95 are not enough; the best single change is named.
      const whatif = page.locator('section.whatif');
      await whatif.locator('input[data-target="tdgq.onTime"]').fill('97');
      await whatif.locator('input[data-target="tttt.dossiersOnline"]').fill('95');
      const result = page.getByTestId('whatif-result');
      await result.getByText('Còn thiếu 0,3 điểm để đạt Xuất sắc').waitFor();
      expect(await result.textContent()).toContain('89,7');
      expect(await page.getByTestId('best-change').textContent()).toContain('Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa');
      // …and adding the best change reaches Xuất sắc.
      await whatif.locator('input[data-target="mdsh.reuse"]').fill('80');
      await result.locator('.band-tag', { hasText: 'Xuất sắc' }).waitFor();
      expect(await result.textContent()).toContain('Đã đạt mức xếp loại cao nhất');
      // A rate above 100 is refused in words.
      await whatif.locator('input[data-target="mdhl.feedback"]').fill('120');
      await whatif.getByText('“120” không phải là tỷ lệ từ 0 đến 100.').waitFor();
      await whatif.locator('input[data-target="mdhl.feedback"]').fill('');
      await whatif.scrollIntoViewIfNeeded();
      await screenshot(page, 'ov03-whatif');
      await whatif.getByRole('button', { name: 'Lưu kịch bản' }).click();
      await whatif.getByText('Đã lưu kịch bản (3 mục tiêu) kèm báo cáo.').waitFor();
      const stored = await runtime.library.open('thang-7');
      expect(stored.report.scenario?.targets).toEqual({ 'tdgq.onTime': 97, 'tttt.dossiersOnline': 95, 'mdsh.reuse': 80 });
      expect(stored.report.total).toBe(88.4);

      // A click on a unit's bar goes to its row in the evaluation table; the table compares with last month.
      await rank.locator('svg rect.m-bar[data-key="p-song-cau"]').click();
      await page.locator('.sections-nav button.current', { hasText: 'II. Đánh giá, xếp loại' }).waitFor();
      await page.locator('table.grid td.active[data-unit="p-song-cau"][data-col="total"]').waitFor();
      const communes = page.locator('.table-block[data-table="xep-loai-xa"]');
      await communes.getByLabel(/So sánh với Tháng 6\/2024/).check();
      await communes.locator('table.grid td.extra').first().waitFor();
      expect(await communes.locator('table.grid th.extra').allTextContents()).toEqual(['Tổng điểm Tháng 6/2024', 'Thay đổi']);
      // Every commune's total rose by 1,5 from June (the library's June has each total 1,5 lower).
      const changes = await communes.locator('table.grid td.extra.up').allTextContents();
      expect(changes.length).toBe(8);
      expect(new Set(changes)).toEqual(new Set(['+1,5']));
      await communes.scrollIntoViewIfNeeded();
      await page.evaluate(`(() => { const w = document.querySelector('.table-block[data-table="xep-loai-xa"] .grid-wrap'); w.scrollLeft = w.scrollWidth; })()`);
      await screenshot(page, 'ov04-month-compare');

      // Xuất PDF with the overview's "Kèm phụ lục Tổng quan" (off by default): the appendix after the official
      // document, trend included.
      await page.locator('.sections-nav button', { hasText: 'Tổng quan' }).click();
      const pdfPath = join(suite.root, 'bao-cao-tong-quan.pdf');
      const box = page.getByLabel(/Kèm phụ lục Tổng quan khi Xuất PDF/);
      expect(await box.isChecked()).toBe(false);
      await box.check();
      app.dialogs.saveFile.push(pdfPath);
      await page.getByRole('button', { name: 'Xuất PDF' }).click();
      await page.getByRole('button', { name: 'Vẫn xuất' }).click();
      const done = page.getByRole('dialog', { name: 'Đã xuất tệp' });
      await done.waitFor();
      await done.getByRole('button', { name: 'Đóng' }).click();
      const text = (await pdfText(new Uint8Array(await readFile(pdfPath)))).replace(/\s+/g, ' ');
      expect(text).toContain('Số: 372/BC-UBND');
      const appendixAt = text.indexOf(APPENDIX_TITLE);
      expect(appendixAt).toBeGreaterThan(text.indexOf('Nơi nhận'));
      expect(text.slice(appendixAt)).toContain('Tổng điểm qua các kỳ (3 kỳ');
      expect(text.slice(appendixAt)).toContain('Kịch bản mục tiêu đã lưu (ước tính)');
      expect(text.slice(0, appendixAt)).not.toContain('ước tính');
    } finally {
      await app.close();
    }
  }, 120_000);
});
