// @vitest-environment jsdom
// DOM test of the dossier list's "Cột trong tệp" step over the real core: an unknown unit column is picked by the clerk, the figures compute, and the next list of the same kind comes pre-filled from the settings.
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ImportWizard } from '../../renderer/screens/ImportWizard';
import { ReportStore } from '../../renderer/state/store';
import { installDomBridge } from '../helpers/dom-bridge';
import { writeDossierWorkbook } from '../helpers/dossier-lists';

const bridge = installDomBridge('bc766-mapping-ui-');

/** The unit column has a header no synonym knows ("Phòng ban thụ lý"); a "Mã đơn vị" column must not be taken for it. */
const HEADER = ['Mã hồ sơ', 'Mã đơn vị', 'Phòng ban thụ lý', 'Hình thức nộp', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả', 'Phí', 'Thanh toán trực tuyến', 'Đánh giá'];
/** Phòng Văn hóa & Thông tin in August 2024: 4 dossiers, 3 on time (75 %), 2 online (50 %), 1 of 2 fees paid online, 1 of 2 rated satisfied. */
const ROWS: (string | number | null)[][] = [
  ['V1', 'VH', 'Phòng Văn hóa & Thông tin', 'Trực tuyến', '02/08/2024', '05/08/2024', '04/08/2024', 50000, 'Có', 'Hài lòng'],
  ['V2', 'VH', 'Phòng Văn hóa & Thông tin', 'Trực tuyến', '05/08/2024', '07/08/2024', '09/08/2024', 20000, 'Không', 'Không hài lòng'],
  ['V3', 'VH', 'Phòng Văn hóa & Thông tin', 'Trực tiếp', '06/08/2024', '12/08/2024', '12/08/2024', 0, null, null],
  ['V4', 'VH', 'Phòng Văn hóa & Thông tin', 'Trực tiếp', '07/08/2024', '09/09/2024', null, null, null, null],
];

async function openNewMonth(): Promise<ReportStore> {
  const opened = await bridge.runtime.library.newReport({ kind: 'month', year: 2024, month: 8 });
  return new ReportStore(opened, { save: (id, revision, report) => bridge.runtime.library.save(id, revision, report) }, 10);
}

const unitSelect = (): HTMLSelectElement => screen.getByRole('combobox', { name: /^Cơ quan tiếp nhận/ }) as HTMLSelectElement;
const computeButton = (): HTMLButtonElement => screen.getByRole('button', { name: 'Tính số liệu' }) as HTMLButtonElement;

describe('dossier list column mapping in the import wizard', () => {
  it('the clerk picks the unit column, the figures compute, and the next list of the same kind comes pre-filled', async () => {
    const store = await openNewMonth();
    const first = await writeDossierWorkbook(join(bridge.dir, 'Hồ sơ tháng 8.xlsx'), { title: ['DANH SÁCH HỒ SƠ', 'Tháng 8/2024'], header: HEADER, rows: ROWS });
    bridge.dialogs.openFile.push([first]);
    render(<ImportWizard store={store} onClose={() => undefined} onApplied={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Chọn danh sách hồ sơ…' }));
    await screen.findByRole('heading', { name: 'Cột trong tệp' });

    // Every field of the list has a labelled select over the file's header texts, pre-filled where a name matched.
    expect(screen.getByText(/Hồ sơ tháng 8\.xlsx: .*\(dòng 3\)/)).toBeTruthy();
    for (const label of ['Mã hồ sơ', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả', 'Hình thức nộp', 'Phí, lệ phí', 'Thanh toán trực tuyến', 'Đánh giá', 'Trạng thái']) {
      expect(screen.getByRole('combobox', { name: new RegExp(`^${label}`) })).toBeTruthy();
    }
    const options = within(unitSelect()).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['(không có)', ...HEADER]);
    expect((screen.getByRole('combobox', { name: /^Ngày tiếp nhận/ }) as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Ngày tiếp nhận');
    expect((screen.getByRole('combobox', { name: /^Trạng thái/ }) as HTMLSelectElement).value).toBe('');
    // The unit column was not recognised ("Mã đơn vị" is a code, not the unit): nothing can be computed yet.
    expect(unitSelect().value).toBe('');
    expect(unitSelect().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Cần chọn cột cho: “Cơ quan tiếp nhận”.');
    expect(computeButton().disabled).toBe(true);
    expect(screen.queryByText(/Đã dùng cách ghép cột đã lưu/)).toBeNull();

    // The clerk picks the right column and computes.
    fireEvent.change(unitSelect(), { target: { value: '2' } });
    expect(unitSelect().selectedOptions[0]!.textContent).toBe('Phòng ban thụ lý');
    expect(computeButton().disabled).toBe(false);
    fireEvent.click(computeButton());
    await waitFor(() => expect(document.querySelector('.dossier-figures')).not.toBeNull(), { timeout: 10000 });
    const row = Array.from(document.querySelectorAll('.dossier-figures tbody tr')).find((tr) => tr.textContent?.includes('Phòng Văn hóa & Thông tin'))!;
    expect(Array.from(row.querySelectorAll('td')).map((td) => td.textContent)).toEqual(['Phòng Văn hóa & Thông tin', '4', '75', '25', '50', '50', '50']);

    // The mapping is remembered for this kind of list.
    const saved = bridge.runtime.settings.get().importMappings;
    expect(saved).toHaveLength(1);
    expect(saved[0]!.mapping.columns).toMatchObject({ unit: 'Phòng ban thụ lý', received: 'Ngày tiếp nhận', status: null });
    cleanup();

    // A second list of the same kind (another title block, other rows): the remembered mapping is applied.
    const second = await writeDossierWorkbook(join(bridge.dir, 'Hồ sơ tháng 8 bổ sung.xlsx'), { title: ['DANH SÁCH HỒ SƠ BỔ SUNG'], header: HEADER, rows: ROWS.slice(0, 2) });
    bridge.dialogs.openFile.push([second]);
    render(<ImportWizard store={store} onClose={() => undefined} onApplied={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Chọn danh sách hồ sơ…' }));
    await screen.findByText('Đã dùng cách ghép cột đã lưu cho loại tệp này.');
    expect(unitSelect().value).toBe('2');
    expect(computeButton().disabled).toBe(false);
    fireEvent.click(computeButton());
    await waitFor(() => expect(document.querySelector('.dossier-figures')).not.toBeNull(), { timeout: 10000 });
    const row2 = Array.from(document.querySelectorAll('.dossier-figures tbody tr')).find((tr) => tr.textContent?.includes('Phòng Văn hóa & Thông tin'))!;
    expect(row2.querySelectorAll('td')[1]!.textContent).toBe('2');
    expect(bridge.runtime.settings.get().importMappings).toHaveLength(1);
    store.dispose();
  });
});
