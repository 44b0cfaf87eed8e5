// @vitest-environment jsdom
// The import wizard's unknown units over the real core (issue 13.9): choosing a unit in the dropdown is the confirmation, "Thêm đơn vị mới" adds the unit in the same undoable step (and to the catalogue when ticked), each table says which units got nothing, footer lines are never unknown units.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ImportWizard } from '../../renderer/screens/ImportWizard';
import { ReportStore } from '../../renderer/state/store';
import { installDomBridge } from '../helpers/dom-bridge';
import { clerkOnTimeWorkbook, putRows, toBuffer } from '../helpers/workbooks';

const bridge = installDomBridge('bc766-wizard-units-');
const LONG = { timeout: 15_000 };

async function openNewMonth(): Promise<ReportStore> {
  const opened = await bridge.runtime.library.newReport({ kind: 'month', year: 2024, month: 8 });
  return new ReportStore(opened, { save: (id, revision, report) => bridge.runtime.library.save(id, revision, report) }, 10);
}

async function openWizard(store: ReportStore, file: string): Promise<{ applied: () => string }> {
  bridge.dialogs.openFile.push([file]);
  let applied = '';
  render(<ImportWizard store={store} onClose={() => undefined} onApplied={(m) => (applied = m)} />);
  fireEvent.click(screen.getByRole('button', { name: 'Chọn tệp Excel bảng số liệu…' }));
  await screen.findByText(/đơn vị khớp với báo cáo/, undefined, LONG);
  return { applied: () => applied };
}

/** The unknown-unit row of a name. */
const unknownRow = (name: string): HTMLElement => screen.getByText((_, el) => el?.tagName === 'SPAN' && (el.textContent ?? '').startsWith(`“${name}”`)).closest('li')!;

const applyButton = (): HTMLButtonElement => screen.getByRole('button', { name: /^Áp dụng/ });

describe('ImportWizard: unknown units and the summary (13.9)', () => {
  it('choosing a unit in the dropdown is the confirmation: the row is imported at once, no second button', async () => {
    const store = await openNewMonth();
    const file = join(bridge.dir, 'dung-han-1.xlsx');
    await writeFile(file, await clerkOnTimeWorkbook());
    // The new month already carries July's "Không tổng hợp trên Hệ thống" of the 11 city departments (issue 17.8), so the
    // file's same status for three of them changes nothing: 6 cells of the communes change.
    const carried = store.getState().report.tables.find((t) => t.id === 'dung-han')!.rows.filter((r) => r.cells['rate']?.t === 'status');
    expect(carried.length).toBe(11);
    await openWizard(store, file);
    expect(applyButton().textContent).toBe('Áp dụng (6 ô)');
    const row = unknownRow('Phường Huyền Tung');
    expect(within(row).queryByRole('button', { name: 'Xác nhận' })).toBeNull();
    fireEvent.change(within(row).getByRole('combobox'), { target: { value: 'p-huyen-tung' } });
    await screen.findByText(/Sẽ ghi nhớ tên gọi khác: “Phường Huyền Tung” = UBND phường Huyền Tụng/, undefined, LONG);
    expect(applyButton().textContent).toBe('Áp dụng (7 ô)');
    // A wrong pick can be taken back before Áp dụng.
    fireEvent.click(screen.getByRole('button', { name: 'Bỏ chọn đơn vị cho “Phường Huyền Tung”' }));
    await waitFor(() => expect(applyButton().textContent).toBe('Áp dụng (6 ô)'), LONG);
    expect(unknownRow('Phường Huyền Tung')).toBeTruthy();
    store.dispose();
  });

  it('“Thêm đơn vị mới” adds the unit with its figure in one undoable step, and to the catalogue when ticked; the summary counts it', async () => {
    const store = await openNewMonth();
    const base = store.getState().report;
    bridge.runtime.settings.set({ catalogue: { blocks: base.blocks, units: base.units } });
    const file = join(bridge.dir, 'dung-han-2.xlsx');
    await writeFile(file, await clerkOnTimeWorkbook());
    const w = await openWizard(store, file);
    const table = base.tables.find((t) => t.id === 'dung-han')!;
    const all = table.rows.length;
    const summary = (): string => screen.getByRole('region', { name: 'Đơn vị có số liệu từ tệp' }).textContent ?? '';
    // Per table: how many units got a figure, and which did not (by name).
    expect(summary()).toMatch(new RegExp(`${table.title.replace(/[()]/g, '.')}: 9/${all} đơn vị có số liệu; ${all - 10} đơn vị không khớp, chưa có số liệu: .*UBND phường Huyền Tụng`));
    // A unit whose row matched but whose cell was refused is named apart, not as "không khớp".
    expect(summary()).toContain('1 đơn vị có dòng trong tệp nhưng ô số liệu bị từ chối hoặc chưa rõ cách đọc (xem các ô không nhập): UBND phường Nguyễn Thị Minh Khai.');

    const row = unknownRow('UBND phường Xuân Hòa');
    fireEvent.click(within(row).getByRole('checkbox', { name: /thêm cả vào danh mục/ }));
    fireEvent.click(within(row).getByRole('button', { name: 'Thêm đơn vị mới' }));
    await screen.findByText(/Sẽ thêm đơn vị mới: UBND phường Xuân Hòa/, undefined, LONG);
    await waitFor(() => expect(summary()).toContain(`10/${all + 1} đơn vị có số liệu`), LONG);
    expect(screen.queryByText((_, el) => el?.tagName === 'SPAN' && (el.textContent ?? '').startsWith('“UBND phường Xuân Hòa”'))).toBeNull();

    const before = store.getState().report;
    await act(async () => {
      fireEvent.click(applyButton());
      await waitFor(() => expect(w.applied()).not.toBe(''), LONG);
    });
    const after = store.getState().report;
    const unit = after.units.find((u) => u.name === 'UBND phường Xuân Hòa')!;
    expect(unit.blockId).toBe(after.units.find((u) => u.id === 'p-duc-xuan')!.blockId);
    expect(after.tables.find((t) => t.id === 'dung-han')!.rows.find((r) => r.unitId === unit.id)!.cells.rate).toEqual({ t: 'num', v: 50 });
    expect(bridge.runtime.settings.get().catalogue!.units.some((u) => u.id === unit.id && u.name === 'UBND phường Xuân Hòa')).toBe(true);
    expect(store.getState().undo).toHaveLength(1);
    store.undo();
    expect(store.getState().report).toBe(before);
    expect(store.getState().report.units.some((u) => u.name === 'UBND phường Xuân Hòa')).toBe(false);
    await store.flush();
    store.dispose();
  });

  it('footer lines under the table never appear as unknown units', async () => {
    const store = await openNewMonth();
    const units = store.getState().report.units;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    putRows(ws, 1, 1, [['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN']]);
    putRows(ws, 3, 1, [['STT', 'Tên đơn vị', 'Tỷ lệ (%)'], ...units.map((u, i) => [i + 1, `${u.name} - Tỉnh Bắc Kạn`, 95])]);
    putRows(ws, 4 + units.length + 1, 1, [
      [null, null, 'Bắc Kạn, ngày 05 tháng 9 năm 2024'],
      [null, 'Người lập biểu', 'Thủ trưởng đơn vị'],
      [null, null, null],
      [null, 'Hoàng Thị Lan', 'Nông Văn Minh'],
    ]);
    const file = join(bridge.dir, 'co-chu-ky.xlsx');
    await writeFile(file, await toBuffer(wb));
    await openWizard(store, file);
    expect(screen.getByText(new RegExp(`${units.length}/${units.length} đơn vị khớp với báo cáo`))).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Đơn vị chưa có trong báo cáo' })).toBeNull();
    for (const t of ['Người lập biểu', 'Hoàng Thị Lan', 'Nông Văn Minh']) {
      expect(document.querySelector('.unknown-units')?.textContent ?? '', t).not.toContain(t);
    }
    expect(screen.getByRole('region', { name: 'Đơn vị có số liệu từ tệp' }).textContent).toContain('mọi đơn vị đều có số liệu.');
    store.dispose();
  });
  it('the summary names apart units that matched but whose cell was refused or ambiguous: they are not "không khớp"', async () => {
    const store = await openNewMonth();
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Sheet1'), 1, 1, [
      ['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN'],
      ['STT', 'Tên cơ quan, đơn vị', 'Tỷ lệ (%)'],
      [1, 'UBND phường Đức Xuân', '98,5%'],
      [2, 'UBND phường Sông Cầu', 'chưa có số liệu'],
      [3, 'UBND xã Dương Quang', 0.9844],
    ]);
    const file = join(bridge.dir, 'tu-choi.xlsx');
    await writeFile(file, await toBuffer(wb));
    await openWizard(store, file);
    const all = store.getState().report.tables.find((t) => t.id === 'dung-han')!.rows.length;
    const text = screen.getByRole('region', { name: 'Đơn vị có số liệu từ tệp' }).textContent ?? '';
    expect(text).toContain(`1/${all} đơn vị có số liệu; ${all - 3} đơn vị không khớp, chưa có số liệu: `);
    expect(text).toContain('2 đơn vị có dòng trong tệp nhưng ô số liệu bị từ chối hoặc chưa rõ cách đọc (xem các ô không nhập): UBND phường Sông Cầu; UBND xã Dương Quang.');
    expect(text.split('không khớp, chưa có số liệu: ')[1]!.split('. 2 đơn vị')[0]).not.toMatch(/Sông Cầu|Dương Quang/);
    store.dispose();
  });
});
