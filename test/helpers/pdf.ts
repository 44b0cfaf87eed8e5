// Test helpers that read a PDF back with poppler-utils: text (pdftotext), positioned text (pdftohtml -xml), fonts (pdffonts), info (pdfinfo), page images (pdftoppm).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAX_BUFFER = 64 * 1024 * 1024;

/** Writes the PDF to a fresh temp folder, runs `fn` with its path, then removes the folder. */
export async function withPdfFile<T>(pdf: Uint8Array, fn: (path: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'bc766-pdf-'));
  try {
    const path = join(dir, 'report.pdf');
    await writeFile(path, pdf);
    return await fn(path, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Text of the PDF (pdftotext, UTF-8). `layout` keeps the columns of tables on one line; pages split by "\f". */
export async function pdfText(pdf: Uint8Array, opts: { layout?: boolean; first?: number; last?: number } = {}): Promise<string> {
  return withPdfFile(pdf, async (path) => {
    const args = ['-enc', 'UTF-8'];
    if (opts.layout) args.push('-layout');
    if (opts.first) args.push('-f', String(opts.first));
    if (opts.last) args.push('-l', String(opts.last));
    const { stdout } = await run('pdftotext', [...args, path, '-'], { maxBuffer: MAX_BUFFER, encoding: 'utf8' });
    return stdout.normalize('NFC');
  });
}

/** pdfinfo's fields ("Pages", "Page size", "Title", "Author"…), per page sizes with `-f 1 -l N`. */
export async function pdfInfo(pdf: Uint8Array, opts: { allPages?: boolean } = {}): Promise<Record<string, string>> {
  return withPdfFile(pdf, async (path) => {
    const args = ['-enc', 'UTF-8'];
    if (opts.allPages) args.push('-f', '1', '-l', '9999');
    const { stdout } = await run('pdfinfo', [...args, path], { maxBuffer: MAX_BUFFER, encoding: 'utf8' });
    const info: Record<string, string> = {};
    for (const line of stdout.split('\n')) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (m) info[m[1]!.trim()] = m[2]!.trim().normalize('NFC');
    }
    return info;
  });
}

export interface PdfFont {
  name: string;
  type: string;
  encoding: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** The fonts pdffonts lists, with their embedded/subset/unicode flags. */
export async function pdfFonts(pdf: Uint8Array): Promise<PdfFont[]> {
  return withPdfFile(pdf, async (path) => {
    const { stdout } = await run('pdffonts', [path], { maxBuffer: MAX_BUFFER, encoding: 'utf8' });
    const lines = stdout.split('\n').slice(2).filter((l) => l.trim() !== '');
    return lines.map((line) => {
      // name type… encoding emb sub uni objectId gen: the flags are the 4th–6th fields from the end.
      const parts = line.trim().split(/\s+/);
      const n = parts.length;
      return {
        name: parts[0]!,
        type: parts.slice(1, n - 6).join(' '),
        encoding: parts[n - 6]!,
        embedded: parts[n - 5] === 'yes',
        subset: parts[n - 4] === 'yes',
        unicode: parts[n - 3] === 'yes',
      };
    });
  });
}

export interface XmlText {
  page: number;
  /** Position and size in pt (pdftohtml -zoom 1), origin top left. */
  top: number;
  left: number;
  width: number;
  height: number;
  /** Font size in pt and family ("LiberationSerif-Bold" without the subset tag). */
  size: number;
  family: string;
  bold: boolean;
  italic: boolean;
  text: string;
}

export interface XmlPage {
  number: number;
  width: number;
  height: number;
}

function decodeEntities(s: string): string {
  return s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** Every text fragment with its page, position (pt), font size and face, from `pdftohtml -xml -zoom 1`. */
export async function pdfXml(pdf: Uint8Array): Promise<{ pages: XmlPage[]; texts: XmlText[] }> {
  return withPdfFile(pdf, async (path) => {
    const { stdout } = await run('pdftohtml', ['-xml', '-stdout', '-i', '-q', '-zoom', '1', '-fontfullname', path], {
      maxBuffer: MAX_BUFFER,
      encoding: 'utf8',
    });
    const pages: XmlPage[] = [];
    const texts: XmlText[] = [];
    const fonts = new Map<string, { size: number; family: string }>();
    let page = 0;
    for (const line of stdout.split('\n')) {
      let m = /<page number="(\d+)"[^>]*height="([\d.]+)" width="([\d.]+)"/.exec(line);
      if (m) {
        page = Number(m[1]);
        pages.push({ number: page, height: Number(m[2]), width: Number(m[3]) });
        continue;
      }
      m = /<fontspec id="(\d+)" size="([\d.-]+)" family="([^"]+)"/.exec(line);
      if (m) {
        fonts.set(m[1]!, { size: Number(m[2]), family: m[3]!.replace(/^[A-Z]{6}\+/, '') });
        continue;
      }
      m = /<text top="([\d.-]+)" left="([\d.-]+)" width="([\d.-]+)" height="([\d.-]+)" font="(\d+)">(.*)<\/text>/.exec(line);
      if (m) {
        const font = fonts.get(m[5]!) ?? { size: 0, family: '' };
        const raw = m[6]!;
        texts.push({
          page,
          top: Number(m[1]),
          left: Number(m[2]),
          width: Number(m[3]),
          height: Number(m[4]),
          size: font.size,
          family: font.family,
          bold: /Bold/.test(font.family),
          italic: /Italic/.test(font.family),
          text: decodeEntities(raw).normalize('NFC'),
        });
      }
    }
    return { pages, texts };
  });
}

/** Renders pages to PNG files in `outDir` (pdftoppm -png -r dpi) and returns their paths in page order. */
export async function pdfToPng(pdf: Uint8Array, outDir: string, opts: { dpi?: number; first?: number; last?: number; prefix?: string } = {}): Promise<string[]> {
  const prefix = opts.prefix ?? 'page';
  return withPdfFile(pdf, async (path) => {
    const args = ['-png', '-r', String(opts.dpi ?? 60)];
    if (opts.first) args.push('-f', String(opts.first));
    if (opts.last) args.push('-l', String(opts.last));
    await run('pdftoppm', [...args, path, join(outDir, prefix)], { maxBuffer: MAX_BUFFER });
    const files = (await readdir(outDir)).filter((f) => f.startsWith(prefix + '-') && f.endsWith('.png'));
    const num = (f: string) => Number(/-(\d+)\.png$/.exec(f)?.[1] ?? 0);
    return files.sort((a, b) => num(a) - num(b)).map((f) => join(outDir, f));
  });
}
