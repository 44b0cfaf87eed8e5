// Copy, cut and paste on the grid's editor: the selected block out as tab-separated text and an HTML table, a
// pasted block in through the paste plan (model.planPaste), applied at once or shown in the preview first.
import type { PastedValue } from '../../state/clipboard';
import { readClipboardBlock, toHtmlTable, toTsv } from '../../state/clipboard';

export interface ClipboardDeps {
  /** True while a cell is being edited: copy and cut then act on the editor's text, a single value pastes as text. */
  editing: boolean;
  /** The selected block as shown. */
  blockTexts(): string[][];
  /** Clears the selected cells (cut). */
  clearSelection(): void;
  /** Ends the edit before a block is pasted. */
  cancelEdit(): void;
  /** The clipboard held no table. */
  onEmpty(): void;
  /** A block to paste (read by the import module's paste parser). */
  onBlock(block: PastedValue[][]): void;
}

export interface ClipboardHandlers {
  onCopy(e: React.ClipboardEvent<HTMLInputElement>): void;
  onCut(e: React.ClipboardEvent<HTMLInputElement>): void;
  onPaste(e: React.ClipboardEvent<HTMLInputElement>): void;
}

export function useGridClipboard(deps: ClipboardDeps): ClipboardHandlers {
  const onCopy = (e: React.ClipboardEvent<HTMLInputElement>): void => {
    if (deps.editing) return;
    e.preventDefault();
    const block = deps.blockTexts();
    e.clipboardData.setData('text/plain', toTsv(block));
    e.clipboardData.setData('text/html', toHtmlTable(block));
  };
  const onCut = (e: React.ClipboardEvent<HTMLInputElement>): void => {
    if (deps.editing) return;
    onCopy(e);
    deps.clearSelection();
  };
  const onPaste = (e: React.ClipboardEvent<HTMLInputElement>): void => {
    const text = e.clipboardData.getData('text/plain');
    const html = e.clipboardData.getData('text/html');
    // Inside an editor a single value pastes as text; a block always pastes as a block.
    if (deps.editing && !/[\t\n]/.test(text.trim()) && !/<table/i.test(html)) return;
    e.preventDefault();
    const block = readClipboardBlock({ text, html });
    if (deps.editing) deps.cancelEdit();
    if (block.length === 0) deps.onEmpty();
    else deps.onBlock(block);
  };
  return { onCopy, onCut, onPaste };
}
