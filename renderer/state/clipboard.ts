// Reading a block from the clipboard (tab-separated text from Excel, or an HTML table from a web page) and writing one back.

/** Splits tab-separated text (Excel's clipboard format, quoted fields allowed) into rows of cells. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  const s = text.replace(/\r\n?/g, '\n');
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
      continue;
    }
    if (ch === '\t') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Reads the first table of an HTML fragment into rows of cell texts (merged cells repeat nothing: blank). */
export function parseHtmlTable(html: string): string[][] | null {
  if (typeof DOMParser === 'undefined') return null;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const table = doc.querySelector('table');
  if (!table) return null;
  const out: string[][] = [];
  for (const tr of Array.from(table.querySelectorAll('tr'))) {
    const cells: string[] = [];
    for (const td of Array.from(tr.querySelectorAll('td,th'))) {
      const text = (td.textContent ?? '').replace(/\s+/g, ' ').trim();
      cells.push(text);
      const span = Number(td.getAttribute('colspan') ?? '1');
      for (let k = 1; k < span && k < 50; k++) cells.push('');
    }
    out.push(cells);
  }
  return out.length ? out : null;
}

/** The block on the clipboard: an HTML table when there is one, else tab-separated text. */
export function readClipboardBlock(data: { text: string; html: string }): string[][] {
  if (data.html) {
    const fromHtml = parseHtmlTable(data.html);
    if (fromHtml && fromHtml.length) return fromHtml;
  }
  const rows = parseTsv(data.text);
  // Excel ends its clipboard text with a newline: no trailing empty row.
  while (rows.length && rows[rows.length - 1]!.every((c) => c === '')) rows.pop();
  return rows;
}

/** Tab-separated text for Excel. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((c) => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join('\t')).join('\r\n') + '\r\n';
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An HTML table for Word and web editors. */
export function toHtmlTable(rows: readonly (readonly string[])[]): string {
  return `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}
