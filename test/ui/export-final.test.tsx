// @vitest-environment jsdom
// Xuất PDF as "Bản chính thức" without a number (issue 17 §6): it used to ask for a file name first, proposing
// "…-du-thao.pdf", then fail with "Chưa xuất được tệp" whose "Thử lại" could not succeed. Now the number and day are
// asked first (written into the report as one undoable edit), then the gate, then the file name of a final copy.
import { join } from 'node:path';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useExport } from '../../renderer/components/ExportActions';
import { ReportStore } from '../../renderer/state/store';
import { installDomBridge } from '../helpers/dom-bridge';

const bridge = installDomBridge('bc766-final-');

async function newMonth(): Promise<ReportStore> {
  const opened = await bridge.runtime.library.newReport({ kind: 'month', year: 2024, month: 8 });
  return new ReportStore(opened, { save: (id, revision, report) => bridge.runtime.library.save(id, revision, report) }, 10);
}

function Harness(props: { store: ReportStore; canSet?: boolean }): React.JSX.Element {
  const { store } = props;
  const { start, ui } = useExport(() => store.getState().report, {
    ...(props.canSet === false
      ? {}
      : {
          onSetDocument: (number: string, day: number) =>
            store.change('Số và ngày văn bản', [
              { path: ['document', 'number'], value: number },
              { path: ['document', 'date', 'day'], value: day },
            ]),
        }),
  });
  return (
    <>
      <button onClick={() => void start({ kind: 'pdf', mode: 'final' })}>Xuất PDF chính thức</button>
      {ui}
    </>
  );
}

const saveAsked = () => bridge.dialogs.asked.filter((a) => a.startsWith('saveFile:'));

describe('Xuất PDF as Bản chính thức without a number', () => {
  it('asks for the number and day before the file name, then names and writes a final copy', async () => {
    const store = await newMonth();
    const before = saveAsked().length;
    render(<Harness store={store} />);
    fireEvent.click(screen.getByRole('button', { name: 'Xuất PDF chính thức' }));
    const dlg = await screen.findByRole('dialog', { name: 'Bản chính thức cần số văn bản và ngày ký' });
    // Nothing asked about a file yet (the defect: the save dialog came first, proposing "…-du-thao.pdf").
    expect(saveAsked().length).toBe(before);
    const [number, day] = Array.from(dlg.querySelectorAll('input'));
    // A day outside the month is refused in one sentence.
    fireEvent.change(number!, { target: { value: '412' } });
    fireEvent.change(day!, { target: { value: '31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    expect(screen.getByRole('alert').textContent).toBe('Bản chính thức cần ngày ký. Hãy gõ ngày từ 1 đến 30 của tháng 9/2024.');
    fireEvent.change(day!, { target: { value: '15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tiếp tục' }));
    expect(store.getState().report.document.number).toBe('412');
    expect(store.getState().report.document.date.day).toBe(15);
    expect(store.getState().undo.at(-1)?.label).toBe('Số và ngày văn bản');
    // The new month has blank figures: the gate lists them once; then the file name of a final copy.
    const out = join(bridge.dir, 'BC-412-UBND-2024-08.pdf');
    bridge.dialogs.saveFile.push(out);
    // The PDF itself is rendered by the core (pdfkit does not run under jsdom): record what the app asks it to write.
    const written: { path: string; mode: string; number: string | null; day: number | null }[] = [];
    bridge.overrides.set('export.pdf', async (args) => {
      const a = args as { path: string; mode: string; report: { document: { number: string | null; date: { day: number | null } } } };
      written.push({ path: a.path, mode: a.mode, number: a.report.document.number, day: a.report.document.date.day });
      return { path: a.path };
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Vẫn xuất' }));
    await waitFor(() => expect(document.querySelector('.modal')?.textContent ?? '').toMatch(/Đã lưu tệp|Chưa xuất/), { timeout: 20_000 });
    expect(document.querySelector('.modal')?.textContent).toContain('Đã lưu tệp “BC-412-UBND-2024-08.pdf”');
    expect(saveAsked().at(-1)).toBe('saveFile:{"purpose":"pdf","defaultName":"BC-412-UBND-2024-08.pdf"}');
    expect(written).toEqual([{ path: out, mode: 'final', number: '412', day: 15 }]);
    await store.flush();
    store.dispose();
  }, 30_000);

  it('"Xuất bản dự thảo" instead: the draft, named as one', async () => {
    const store = await newMonth();
    render(<Harness store={store} />);
    fireEvent.click(screen.getByRole('button', { name: 'Xuất PDF chính thức' }));
    await screen.findByRole('dialog', { name: 'Bản chính thức cần số văn bản và ngày ký' });
    bridge.dialogs.saveFile.push(null); // the clerk cancels the file name
    fireEvent.click(screen.getByRole('button', { name: 'Xuất bản dự thảo' }));
    await waitFor(() => expect(saveAsked().at(-1)).toBe('saveFile:{"purpose":"pdf","defaultName":"BC-UBND-2024-08-du-thao.pdf"}'));
    expect(store.getState().report.document.number).toBeNull();
    await store.flush();
    store.dispose();
  });

  it('a final copy refused for lacking its number offers no "Thử lại" that cannot succeed', async () => {
    const store = await newMonth();
    act(() => void store.change('x', [{ path: ['document', 'number'], value: '9' }, { path: ['document', 'date', 'day'], value: 3 }]));
    bridge.overrides.set('export.pdf', async () => {
      throw Object.assign(new Error('Bản chính thức cần số văn bản.'), { code: 'PDF_FINAL_INCOMPLETE' });
    });
    bridge.dialogs.saveFile.push(join(bridge.dir, 'x.pdf'));
    render(<Harness store={store} />);
    fireEvent.click(screen.getByRole('button', { name: 'Xuất PDF chính thức' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Vẫn xuất' }));
    await screen.findByRole('dialog', { name: 'Chưa xuất được tệp' });
    expect(screen.queryByRole('button', { name: 'Thử lại' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Lưu với tên khác…' })).toBeNull();
    await store.flush();
    store.dispose();
  });
});
