// @vitest-environment jsdom
// The import wizard's cell-level parts over the real core: refused cells listed with their reasons and left out, and a rate column mixing fractions with percentages settled by the clerk's choice (issue 13.1, 13.3).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ImportWizard } from '../../renderer/screens/ImportWizard';
import { ReportStore } from '../../renderer/state/store';
import { installDomBridge } from '../helpers/dom-bridge';
import { putRows, toBuffer } from '../helpers/workbooks';

const bridge = installDomBridge('bc766-wizard-cells-');

describe('ImportWizard: refused cells and rate columns', () => {
  it('lists a unit name in the rate column as refused, asks how 0,9844 reads, and imports it × 100 once "Phân số" is chosen', async () => {
    const opened = await bridge.runtime.library.newReport({ kind: 'month', year: 2024, month: 8 });
    const store = new ReportStore(opened, { save: (id, revision, report) => bridge.runtime.library.save(id, revision, report) }, 10);
    const wb = new ExcelJS.Workbook();
    putRows(wb.addWorksheet('Sheet1'), 1, 1, [
      ['TỶ LỆ HỒ SƠ XỬ LÝ ĐÚNG HẠN'],
      ['STT', 'Tên cơ quan, đơn vị', 'Tỷ lệ (%)'],
      [1, 'UBND phường Đức Xuân', '98,5%'],
      [2, 'UBND phường Sông Cầu', 'UBND phường Sông Cầu'],
      [3, 'UBND xã Dương Quang', 0.9844],
    ]);
    const file = join(bridge.dir, 'tron.xlsx');
    await writeFile(file, await toBuffer(wb));
    bridge.dialogs.openFile.push([file]);
    let applied = '';
    render(<ImportWizard store={store} onClose={() => undefined} onApplied={(m) => (applied = m)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Chọn tệp Excel bảng số liệu…' }));
    const section = await screen.findByRole('region', { name: 'Ô không được nhập' });
    expect(section.textContent).toContain('2 ô không phải số liệu hay trạng thái đã biết');
    expect(section.textContent).toContain('“UBND phường Sông Cầu” không phải là số hay trạng thái');
    expect(section.textContent).toContain('Tỷ lệ “0,9844” chưa rõ');
    expect(section.textContent).toContain('có 1 tỷ lệ từ 0 đến 1 lẫn với tỷ lệ lớn hơn 1');
    expect(screen.getByRole('button', { name: /^Áp dụng/ }).textContent).toBe('Áp dụng (1 ô)');

    fireEvent.click(screen.getByRole('radio', { name: /Phân số/ }));
    await waitFor(() => expect(screen.getByRole('button', { name: /^Áp dụng/ }).textContent).toBe('Áp dụng (2 ô)'), { timeout: 8000 });
    expect(screen.getByText(/đọc là phân số: 0,9844 = 98,44%/)).toBeTruthy();
    expect((screen.getByRole('radio', { name: /Phân số/ }) as HTMLInputElement).checked).toBe(true);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /^Áp dụng/ }));
      await waitFor(() => expect(applied).not.toBe(''));
    });
    const rows = store.getState().report.tables.find((t) => t.id === 'dung-han')!.rows;
    expect(rows.find((r) => r.unitId === 'x-duong-quang')!.cells.rate).toEqual({ t: 'num', v: 98.44 });
    expect(rows.find((r) => r.unitId === 'p-duc-xuan')!.cells.rate).toEqual({ t: 'num', v: 98.5 });
    expect(rows.find((r) => r.unitId === 'p-song-cau')!.cells.rate).toBeNull();
    await store.flush();
    store.dispose();
  }, 30_000);
});
