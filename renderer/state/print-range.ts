// The preview's "Trang" box: "1-3, 5" → page ranges for print.report (1-based, inclusive); blank → every page.

export interface PageRange {
  from: number;
  to: number;
}

/** Parses "1-3, 5" (also "1–3", "2 - 4", ";" between parts); null when the text is not a list of pages. */
export function parsePageRanges(text: string): PageRange[] | null {
  const t = text.trim();
  if (t === '') return [];
  const out: PageRange[] = [];
  for (const part of t.split(/[,;]/)) {
    const m = /^\s*(\d{1,4})\s*(?:[-–]\s*(\d{1,4})\s*)?$/.exec(part);
    if (!m) return null;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < 1 || to < from) return null;
    out.push({ from, to });
  }
  return out;
}
