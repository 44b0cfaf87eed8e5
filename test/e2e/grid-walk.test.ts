// End-to-end in Chromium at 1366×768, the grid items of issue 17: the status picker on the last row keeps the header
// and the first rows in view (17.4), undo/redo go to the section and cell they change and flash it (17.5), Ctrl+F
// filters a unit table by name, and a message under a narrow figure is readable (17.10).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eSuite, gridCell, openApp, screenshot } from '../helpers/browser';

const suite = e2eSuite('bc766-e2e-grid-');
const VIEWPORT = { width: 1366, height: 768 };

async function openSample(page: Page): Promise<void> {
  await page.locator('.library-table').waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.sections-nav').waitFor();
}

async function goSection(page: Page, name: string): Promise<void> {
  await page.locator('.sections-nav button', { hasText: name }).first().click();
}

const currentSection = (page: Page) => page.locator('.sections-nav button.current .nav-label').textContent();

/** Where the grid's header and first row are, against the box the grid scrolls in. */
interface GridView {
  scrollTop: number;
  scrollHeight: number;
  tableHeight: number;
  headTop: number;
  firstRowBottom: number;
  list: { top: number; bottom: number } | null;
}

function gridView(page: Page, tableId: string): Promise<GridView> {
  return page.evaluate(`(() => {
    const wrap = document.querySelector('.table-block[data-table="${tableId}"] .grid-wrap');
    const box = wrap.getBoundingClientRect();
    const head = wrap.querySelector('thead').getBoundingClientRect();
    const firstRow = wrap.querySelector('tbody tr:has(td[data-r="0"])').getBoundingClientRect();
    const list = wrap.querySelector('.status-list');
    return {
      scrollTop: wrap.scrollTop,
      scrollHeight: wrap.scrollHeight,
      tableHeight: wrap.querySelector('table').offsetHeight,
      headTop: head.top - box.top,
      firstRowBottom: firstRow.bottom - box.top,
      list: list ? { top: list.offsetTop, bottom: list.offsetTop + list.offsetHeight } : null,
    };
  })()`);
}

/** Scrolls the grid of a table inside its box. */
function scrollGrid(page: Page, tableId: string, to: 'bottom'): Promise<void> {
  return page.evaluate(`(() => {
    const wrap = document.querySelector('.table-block[data-table="${tableId}"] .grid-wrap');
    wrap.scrollTop = ${to === 'bottom' ? 'wrap.scrollHeight' : '0'};
  })()`);
}

describe('the grid at 1366×768 in Chromium', () => {
  it('17.4: the status list on the last row opens above it without scrolling the grid; the header sticks', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib-a', 'library'), VIEWPORT);
    const { page } = app;
    try {
      await openSample(page);
      await goSection(page, 'Tiến độ giải quyết');
      await gridCell(page, 'dung-han', 'x-nong-thuong', 'rate').click();
      const mainTop = (): Promise<number> => page.evaluate(`document.querySelector('.section-main').scrollTop`);
      const before = await gridView(page, 'dung-han');
      const mainBefore = await mainTop();
      await page.keyboard.press('Alt+ArrowDown');
      const list = page.getByRole('listbox', { name: 'Chọn trạng thái' });
      await list.waitFor();
      const open = await gridView(page, 'dung-han');
      await screenshot(page, 'g01-status-last-row');
      expect(open.list).not.toBeNull();
      // The list stays inside the table (it opened upwards), so the grid did not grow or scroll, nor did the page.
      expect(open.list!.bottom).toBeLessThanOrEqual(open.tableHeight);
      expect(open.scrollHeight).toBe(before.scrollHeight);
      expect(open.scrollTop).toBe(before.scrollTop);
      expect(await mainTop()).toBe(mainBefore);
      // The header is at the top of the grid's box, and the whole list is on screen.
      expect(open.headTop).toBeGreaterThanOrEqual(-1);
      const lb = (await list.boundingBox())!;
      expect(lb.y).toBeGreaterThanOrEqual(0);
      expect(lb.y + lb.height).toBeLessThanOrEqual(VIEWPORT.height);
      await page.keyboard.press('Escape');

      // The grid scrolls in its box under a header that sticks.
      await scrollGrid(page, 'dung-han', 'bottom');
      const scrolled = await gridView(page, 'dung-han');
      expect(scrolled.scrollTop).toBeGreaterThan(0);
      expect(Math.abs(scrolled.headTop)).toBeLessThanOrEqual(1);
      expect(scrolled.firstRowBottom).toBeLessThan(scrolled.headTop + 80);
      await screenshot(page, 'g02-sticky-header');
    } finally {
      await app.close();
    }
  }, 120_000);

  it('17.5: undo and redo go to the section and the cell they change and flash it', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib-b', 'library'), VIEWPORT);
    const { page } = app;
    try {
      await openSample(page);
      await goSection(page, 'Mức độ hài lòng');
      const satisfied = gridCell(page, 'hai-long', 'p-duc-xuan', 'rate');
      const satisfiedBefore = await satisfied.textContent();
      await satisfied.click();
      await page.keyboard.type('91');
      await page.keyboard.press('Enter');
      expect(await satisfied.textContent()).toBe('91');

      await goSection(page, 'Tiến độ giải quyết');
      const onTime = gridCell(page, 'dung-han', 'p-huyen-tung', 'rate');
      const onTimeBefore = await onTime.textContent();
      await onTime.click();
      await page.keyboard.type('92');
      await page.keyboard.press('Enter');
      expect(await onTime.textContent()).toBe('92');

      // Away on the general section, Ctrl+Z: the screen goes back to "Tiến độ giải quyết" and flashes the cell.
      await page.keyboard.press('Alt+1');
      expect(await currentSection(page)).not.toContain('Tiến độ');
      await page.keyboard.press('Control+z');
      await page.locator('.table-block[data-table="dung-han"] td.cell.flash[data-unit="p-huyen-tung"]').waitFor();
      await screenshot(page, 'g03-undo-flash');
      expect(await currentSection(page)).toContain('Tiến độ giải quyết');
      expect(await onTime.textContent()).toBe(onTimeBefore);
      expect(await onTime.getAttribute('class')).toContain('active');

      // Again: the edit made in "Mức độ hài lòng" is undone there, in view.
      await page.keyboard.press('Control+z');
      await page.locator('.table-block[data-table="hai-long"] td.cell.flash[data-unit="p-duc-xuan"]').waitFor();
      expect(await currentSection(page)).toContain('Mức độ hài lòng');
      expect(await satisfied.textContent()).toBe(satisfiedBefore);
      const inView = await page.evaluate(`(() => {
        const r = document.querySelector('.table-block[data-table="hai-long"] td[data-unit="p-duc-xuan"][data-col="rate"]').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
      })()`);
      expect(inView).toBe(true);

      // Redo goes back to "Mức độ hài lòng"'s cell too, and the value comes back.
      await page.keyboard.press('Control+y');
      await expect.poll(() => satisfied.textContent()).toBe('91');
      expect(await currentSection(page)).toContain('Mức độ hài lòng');
    } finally {
      await app.close();
    }
  }, 120_000);

  it('Ctrl+F filters a unit table by name without accents, and Esc shows every unit again', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib-c', 'library'), VIEWPORT);
    const { page } = app;
    try {
      await openSample(page);
      await goSection(page, 'Tiến độ giải quyết');
      await gridCell(page, 'dung-han', 'p-duc-xuan', 'rate').click();
      await page.keyboard.press('Control+f');
      const search = page.getByRole('searchbox', { name: /Tìm đơn vị trong bảng/ });
      await search.waitFor();
      await page.keyboard.type('huyen tung');
      const rows = page.locator('.table-block[data-table="dung-han"] tbody td[data-c="0"]');
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-unit')).toBe('p-huyen-tung');
      await screenshot(page, 'g04-ctrl-f');
      await page.keyboard.press('Enter');
      expect(await page.locator('.table-block[data-table="dung-han"] td.cell.active').getAttribute('data-unit')).toBe('p-huyen-tung');
      await page.keyboard.press('Control+f');
      await page.keyboard.press('Escape');
      await expect.poll(() => rows.count()).toBe(19);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('17.10: the message under a narrow figure or cell is readable', async () => {
    const app = await openApp(suite.browser, join(suite.root, 'lib-d', 'library'), VIEWPORT);
    const { page } = app;
    try {
      await openSample(page);
      // The grid's message under the (88 px) rate cell of the last column is a readable box.
      await goSection(page, 'Tiến độ giải quyết');
      await gridCell(page, 'dung-han', 'p-huyen-tung', 'rate').click();
      await page.keyboard.type('abc');
      await page.keyboard.press('Enter');
      const tip = page.locator('.table-block[data-table="dung-han"] .grid-tip.error');
      await tip.waitFor();
      expect((await tip.boundingBox())!.width).toBeGreaterThanOrEqual(300);
      await page.keyboard.press('Escape');

      // A rate figure of a group's metric table: the error under the narrow field is as wide as a sentence needs.
      await goSection(page, 'Dịch vụ công trực tuyến');
      const rate = page.locator('table.lines input[data-loc$=":rate"]').first();
      await rate.click();
      await rate.fill('abc');
      await page.keyboard.press('Enter');
      const msg = page.locator('table.lines .field-msg.error').first();
      await msg.waitFor();
      const box = (await msg.boundingBox())!;
      await screenshot(page, 'g05-figure-error');
      expect(box.width).toBeGreaterThanOrEqual(250);
      expect(box.height).toBeLessThan(120);
    } finally {
      await app.close();
    }
  }, 120_000);
});
