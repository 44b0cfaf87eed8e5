// End-to-end test in Chromium of a hanging file dropped on the report window: progress shows, the window and main keep answering, "Hủy" stops the reader thread and the report is unchanged.
//
// The hanging file is a valid workbook whose name matches the worker pool's test hook `hang` (WorkerTestHook in
// core/worker/protocol.ts): the reader thread spins in a synchronous endless loop, like the readers' loops of
// issue 14, so only terminating the thread can stop it. Without the worker this would freeze main (here: the test's
// Node process behind page.exposeBinding) and no other call, not even job.cancel, could be answered.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../core/worker/pool';
import { e2eSuite, openApp, screenshot } from '../helpers/browser';
import { clerkOnTimeWorkbook } from '../helpers/workbooks';

const suite = e2eSuite('bc766-worker-');

async function drop(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.evaluate(
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
}

describe('a hanging file dropped on the window', () => {
  it('shows progress, the window answers while it runs, Hủy stops it at once, the report is unchanged and the next file reads', async () => {
    const workers = new WorkerPool({ testHooks: [{ match: 'treo', action: 'hang' }] });
    const app = await openApp(suite.browser, join(suite.root, 'lib-hang', 'library'), undefined, { workers });
    const { page, runtime } = app;
    try {
      await page.locator('.library-table').waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.sections-nav').waitFor();
      const [entry] = await runtime.library.list();
      const before = await runtime.library.open(entry!.id);
      const gridBefore = await page.locator('.section-main').innerText();

      const bytes = await clerkOnTimeWorkbook();
      await drop(page, 'Đúng hạn treo.xlsx', bytes);
      const wizard = page.getByRole('dialog', { name: 'Nhập dữ liệu' });
      // The progress sent by the reader thread reaches the window.
      await wizard.getByText('Đang đọc tệp Đúng hạn treo.xlsx…').waitFor({ timeout: 30_000 });
      await screenshot(page, 'w1-hanging-file');
      // One reading (the wizard never starts a second one for the same drop).
      expect(app.calls.filter((c) => c === 'import.previewDropped')).toHaveLength(1);
      expect(workers.threads).toBe(1);

      // The window answered throughout: its own controls (focus moves with Tab to the Hủy button), and main answers
      // other calls while the reader spins (the renderer's call goes through the bridge to the runtime).
      await page.keyboard.press('Tab');
      const info = (await page.evaluate("window.api.invoke('library.list', {})")) as { ok: boolean };
      expect(info.ok).toBe(true);
      await expect(wizard.getByText('Đang đọc tệp Đúng hạn treo.xlsx…').isVisible()).resolves.toBe(true);

      await wizard.getByRole('button', { name: 'Hủy' }).click();
      await wizard.locator('[role="alert"]', { hasText: 'Đã hủy đọc tệp. Báo cáo không thay đổi.' }).waitFor({ timeout: 10_000 });
      await screenshot(page, 'w2-cancelled');
      // The spinning thread was terminated, not left running.
      expect(workers.threads).toBe(0);
      expect(app.calls).toContain('job.cancel');
      expect(app.calls).not.toContain('library.snapshot');
      expect(await runtime.library.open(entry!.id)).toEqual(before);

      // The next file reads normally (a new thread).
      await drop(page, 'Đúng hạn tháng 7.xlsx', bytes);
      await wizard.locator('.sources').waitFor({ timeout: 30_000 });
      expect(await wizard.locator('.sources').textContent()).toContain('Đúng hạn tháng 7.xlsx › Sheet1');
      await wizard.getByRole('button', { name: 'Hủy' }).click();
      await wizard.waitFor({ state: 'detached' });
      expect(await page.locator('.section-main').innerText()).toBe(gridBefore);
      expect(await runtime.library.open(entry!.id)).toEqual(before);
    } finally {
      await app.close();
      await workers.close();
    }
  }, 180_000);
});
