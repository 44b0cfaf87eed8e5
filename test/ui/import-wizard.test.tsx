// @vitest-environment jsdom
// Tests of the import wizard over the real core API (temp library): recognised sheets, a confirmed unit becomes an alias, Áp dụng is one undoable step after a snapshot; dossier lists show their columns, then progress, and Hủy cancels.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ImportWizard } from '../../renderer/screens/ImportWizard';
import { ReportStore, cellKey } from '../../renderer/state/store';
import { installDomBridge } from '../helpers/dom-bridge';
import { writeDossierWorkbook } from '../helpers/dossier-lists';
import { clerkOnTimeWorkbook } from '../helpers/workbooks';

const bridge = installDomBridge('bc766-wizard-');

/** The title of the first table of changes in the preview. */
const caption = (): string => document.querySelector('.change-table caption')?.textContent ?? '';

async function openNewMonth(): Promise<ReportStore> {
  const opened = await bridge.runtime.library.newReport({ kind: 'month', year: 2024, month: 8 });
  return new ReportStore(opened, { save: (id, revision, report) => bridge.runtime.library.save(id, revision, report) }, 10);
}

describe('ImportWizard', () => {
  it('shows what was recognised and old → new, confirms a suggested unit (alias, also in the catalogue), applies as one undoable step after a snapshot', async () => {
    const store = await openNewMonth();
    const settings = bridge.runtime.settings.get();
    const base = store.getState().report;
    bridge.runtime.settings.set({ catalogue: { blocks: base.blocks, units: base.units } });
    expect(settings.catalogue).toBeNull();
    const file = join(bridge.dir, 'dung-han.xlsx');
    await writeFile(file, await clerkOnTimeWorkbook());
    bridge.dialogs.openFile.push([file]);
    let applied = '';
    render(<ImportWizard store={store} onClose={() => undefined} onApplied={(m) => (applied = m)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Chọn tệp Excel bảng số liệu…' }));
    await screen.findByText(/10\/12 đơn vị khớp với báo cáo/);
    expect(screen.getByText('Có phải: UBND phường Huyền Tụng?')).toBeTruthy();
    const apply = screen.getByRole('button', { name: /^Áp dụng/ });
    // Three departments' "Không tổng hợp trên Hệ thống" is already there, carried from July (17.8): 6 cells change.
    expect(apply.textContent).toBe('Áp dụng (6 ô)');

    // Confirm the suggestion: the preview is read again with the name confirmed.
    const row = screen.getByText('Có phải: UBND phường Huyền Tụng?').closest('li')!;
    fireEvent.click(row.querySelector('button')!);
    await screen.findByText(/Sẽ ghi nhớ tên gọi khác: “Phường Huyền Tung” = UBND phường Huyền Tụng/, undefined, { timeout: 10_000 });
    expect(screen.getByRole('button', { name: /^Áp dụng/ }).textContent).toBe('Áp dụng (7 ô)');
    // Focus moves to the remembered-names note once the new preview has rendered (an effect after the text).
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('aliases'));

    // Changing the table kind reads again with it: the figures go to the satisfaction table; back to automatic.
    const kind = screen.getByRole('combobox', { name: /Loại bảng/ });
    fireEvent.change(kind, { target: { value: 'satisfaction' } });
    await waitFor(() => expect(caption()).toMatch(/^TỶ LỆ VỀ MỨC ĐỘ HÀI LÒNG/));
    expect(screen.getByText(/“Tỷ lệ \(%\)” → .*\(bạn chọn\)/)).toBeTruthy();
    // Or every figure into one table of the report, chosen by its title.
    const online = store.getState().report.tables.find((t) => t.id === 'truc-tuyen')!;
    fireEvent.change(kind, { target: { value: 'table:truc-tuyen' } });
    await waitFor(() => expect(caption().startsWith(online.title)).toBe(true));
    fireEvent.change(kind, { target: { value: '' } });
    await waitFor(() => expect(caption()).toMatch(/^TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN/));

    await waitFor(() => expect((screen.getByRole('button', { name: /^Áp dụng/ }) as HTMLButtonElement).disabled).toBe(false));
    const before = store.getState().report;
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /^Áp dụng/ }));
      await waitFor(() => expect(applied).not.toBe(''));
    });
    expect(applied).toMatch(/^Đã nhập 7 ô, ghi nhớ 1 tên gọi khác/);
    const s = store.getState();
    expect(s.undo).toHaveLength(1);
    expect(s.changed.has(cellKey('dung-han', 'p-duc-xuan', 'rate'))).toBe(true);
    expect(s.report.units.find((u) => u.id === 'p-huyen-tung')!.aliases).toContain('Phường Huyền Tung');
    expect((await bridge.runtime.library.versions(s.id)).some((v) => v.reason === 'before-import')).toBe(true);
    expect(bridge.runtime.settings.get().catalogue!.units.find((u) => u.id === 'p-huyen-tung')!.aliases).toContain('Phường Huyền Tung');
    store.undo();
    expect(store.getState().report).toBe(before);
    expect(store.getState().changed.size).toBe(0);
    await store.flush();
    store.dispose();
  });

  it('the blank template: a sensible default name; a file held open elsewhere gets a clear message and Thử lại writes it', async () => {
    const store = await openNewMonth();
    const asked: unknown[] = [];
    const target = join(bridge.dir, 'Mau-nhap-UBND-2024-08.xlsx');
    bridge.overrides.set('dialog.saveFile', async (args) => {
      asked.push(args);
      return { path: target };
    });
    const writes: unknown[] = [];
    bridge.overrides.set('export.xlsx', async (args) => {
      writes.push(args);
      if (writes.length === 1) {
        throw Object.assign(new Error('Hãy đóng tệp “Mau-nhap-UBND-2024-08.xlsx” rồi thử lại. Tệp đang được mở trong chương trình khác.'), { code: 'FILE_LOCKED' });
      }
      return { path: target };
    });
    const shell: string[] = [];
    bridge.overrides.set('os.showInFolder', async (args) => {
      shell.push((args as { path: string }).path);
      return null;
    });
    render(<ImportWizard store={store} onClose={() => undefined} onApplied={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Tải mẫu Excel trống…' }));
    const failed = await screen.findByRole('dialog', { name: 'Chưa xuất được tệp' });
    expect(asked).toEqual([{ purpose: 'xlsx', defaultName: 'Mau-nhap-UBND-2024-08.xlsx' }]);
    expect(failed.textContent).toContain('Hãy đóng tệp “Mau-nhap-UBND-2024-08.xlsx” rồi thử lại.');
    expect(failed.textContent).toContain('Tệp đang mở trong một chương trình khác');
    fireEvent.click(screen.getByRole('button', { name: 'Thử lại' }));
    const done = await screen.findByRole('dialog', { name: 'Đã xuất tệp' });
    expect(done.textContent).toContain('Đã lưu tệp “Mau-nhap-UBND-2024-08.xlsx” vào thư mục');
    expect(writes).toHaveLength(2);
    expect(writes[1]).toMatchObject({ path: target, template: true });
    expect(asked).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Mở thư mục chứa tệp' }));
    await waitFor(() => expect(shell).toEqual([target]));
    store.dispose();
  });

  it('a dossier list shows its progress; Hủy cancels the reading and the report is unchanged', async () => {
    const store = await openNewMonth();
    const list = await writeDossierWorkbook(join(bridge.dir, 'danh-sach.xlsx'), {
      header: ['Mã hồ sơ', 'Cơ quan tiếp nhận', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả'],
      rows: [['A1', 'Thanh tra thành phố', '02/08/2024', '05/08/2024', null]],
    });
    bridge.dialogs.openFile.push([list]);
    let jobId = '';
    let cancelled: (() => void) | null = null;
    bridge.overrides.set('import.dossiers', (args) => {
      jobId = (args as { jobId: string }).jobId;
      bridge.emit('progress', { jobId, done: 250, total: 1000, label: 'Đang đọc danh sách hồ sơ: 12.000 dòng…' });
      return new Promise((_, reject) => {
        cancelled = () => reject(Object.assign(new Error('Đã hủy thao tác.'), { code: 'CANCELLED' }));
      });
    });
    bridge.overrides.set('job.cancel', async (args) => {
      expect((args as { jobId: string }).jobId).toBe(jobId);
      cancelled?.();
      return { cancelled: true };
    });
    render(<ImportWizard store={store} onClose={() => undefined} onApplied={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Chọn danh sách hồ sơ…' }));
    // The columns are shown first ("Cột trong tệp"); "Tính số liệu" starts the reading.
    fireEvent.click(await screen.findByRole('button', { name: 'Tính số liệu' }));
    const bar = (await screen.findByRole('progressbar')) as HTMLProgressElement;
    await screen.findByText(/Đang đọc danh sách hồ sơ: 12\.000 dòng… 25 %/);
    expect(bar.value).toBe(250);
    expect(bar.max).toBe(1000);
    const report = store.getState().report;
    fireEvent.click(screen.getByRole('button', { name: 'Hủy' }));
    await screen.findByText('Đã hủy đọc danh sách hồ sơ. Báo cáo không thay đổi.');
    expect(screen.getByRole('button', { name: 'Chọn danh sách hồ sơ…' })).toBeTruthy();
    expect(store.getState().report).toBe(report);
    expect(store.getState().undo).toHaveLength(0);
    store.dispose();
  });

  it('several dossier lists chosen together are read as one (a quarter of monthly files), over the real API', async () => {
    const store = await openNewMonth();
    const header = ['Mã hồ sơ', 'Cơ quan tiếp nhận', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả'];
    const first = await writeDossierWorkbook(join(bridge.dir, 'ds-dau-thang.xlsx'), {
      header,
      rows: [['A1', 'Thanh tra thành phố', '02/08/2024', '05/08/2024', '04/08/2024']],
    });
    const second = await writeDossierWorkbook(join(bridge.dir, 'ds-cuoi-thang.xlsx'), {
      header,
      rows: [
        ['A2', 'Thanh tra thành phố', '20/08/2024', '22/08/2024', '25/08/2024'],
        ['A3', 'Thanh tra thành phố', '21/08/2024', '28/08/2024', null],
      ],
    });
    bridge.dialogs.openFile.push([first, second]);
    const calls: unknown[] = [];
    bridge.overrides.set('dialog.openFile', async (args) => {
      calls.push(args);
      return { paths: bridge.dialogs.openFile.shift() ?? [] };
    });
    render(<ImportWizard store={store} onClose={() => undefined} onApplied={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Chọn danh sách hồ sơ…' }));
    // The real worker reads the files: generous waits on a loaded machine.
    fireEvent.click(await screen.findByRole('button', { name: 'Tính số liệu' }, { timeout: 30_000 }));
    // Three rows read from the two files (one, then two), under one name for both.
    const summary = await screen.findByText(/3 dòng, /, {}, { timeout: 30_000 });
    expect(summary.textContent).toMatch(/^ds-dau-thang\.xlsx và 1 tệp khác: 3 dòng, /);
    expect(calls).toEqual([{ purpose: 'import', multiple: true }]);
    store.dispose();
  }, 90_000);
});
