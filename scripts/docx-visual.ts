// `npm run docx:visual [-- --page N] [--report FILE.json]`: the report as DOCX converted to PDF by LibreOffice (headless), its page N
// (default 1) beside the same page of the app's PDF in one PNG, to look at by eye. Not part of `npm test`.
//
// Needs `soffice` (LibreOffice) and `pdftoppm` (poppler-utils) on PATH; without LibreOffice it says so and exits 0.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { renderReportDocx } from '../core/docx/render';
import { readReportFile } from '../core/cli/io';
import { loadSample } from '../core/model/report';
import { renderReportPdf } from '../core/pdf/render';

const run = promisify(execFile);
const OUT = resolve('test-results', 'docx-visual');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function has(cmd: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
}

interface Image {
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel, row after row. */
  rgb: Buffer;
}

/** One page of a PDF as an RGB image (pdftoppm's binary PPM). */
async function renderPage(pdf: string, page: number, dpi = 60): Promise<Image> {
  const { stdout } = await run('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), pdf], { encoding: 'buffer', maxBuffer: 64 << 20 });
  const buf = stdout as Buffer;
  // "P6\n<w> <h>\n255\n" then the pixels.
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error(`pdftoppm gave no image for page ${page} of ${pdf}`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, rgb: buf.subarray(header[0].length, header[0].length + width * height * 3) };
}

/** Images side by side on white, `gap` px apart. */
function sideBySide(images: Image[], gap = 16): Image {
  const width = images.reduce((a, im) => a + im.width, 0) + gap * (images.length + 1);
  const height = Math.max(...images.map((im) => im.height)) + 2 * gap;
  const rgb = Buffer.alloc(width * height * 3, 0xff);
  let x0 = gap;
  for (const im of images) {
    for (let y = 0; y < im.height; y++) im.rgb.copy(rgb, ((y + gap) * width + x0) * 3, y * im.width * 3, (y + 1) * im.width * 3);
    x0 += im.width + gap;
  }
  return { width, height, rgb };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A truecolour PNG of an RGB image (filter 0 on every row). */
function png(im: Image): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(im.width, 0);
  ihdr.writeUInt32BE(im.height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((im.width * 3 + 1) * im.height);
  for (let y = 0; y < im.height; y++) im.rgb.copy(raw, y * (im.width * 3 + 1) + 1, y * im.width * 3, (y + 1) * im.width * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

async function pageCount(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf]);
  return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
}

async function main(): Promise<void> {
  const page = Number(arg('page') ?? 1);
  const reportFile = arg('report');
  const report = reportFile ? await readReportFile(reportFile) : loadSample();
  await mkdir(OUT, { recursive: true });
  const docxPath = join(OUT, 'report.docx');
  const appPdf = join(OUT, 'app.pdf');
  await writeFile(docxPath, await renderReportDocx(report, { mode: 'final' }));
  await writeFile(appPdf, await renderReportPdf(report, { mode: 'final' }));
  console.log(`DOCX: ${docxPath}\nPDF của ứng dụng: ${appPdf}`);
  if (!(await has('soffice'))) {
    console.log('LibreOffice (soffice) chưa được cài: không chuyển được DOCX sang PDF để so sánh. Cài ví dụ: apt-get install libreoffice-writer-nogui');
    return;
  }
  // A profile of its own, so that a LibreOffice already open on the machine does not swallow the conversion.
  const profile = pathToProfileUrl(join(OUT, 'lo-profile'));
  await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', join(OUT, 'lo'), docxPath], { timeout: 180_000 });
  const loPdf = join(OUT, 'lo', 'report.pdf');
  const [a, b] = [await renderPage(loPdf, page), await renderPage(appPdf, page)];
  const out = join(OUT, `page-${page}-docx-vs-pdf.png`);
  await writeFile(out, png(sideBySide([a, b])));
  console.log(`Trang ${page}: trái = DOCX qua LibreOffice (${await pageCount(loPdf)} trang), phải = PDF của ứng dụng (${await pageCount(appPdf)} trang)\n${out}`);
}

function pathToProfileUrl(path: string): string {
  return 'file://' + resolve(path).replace(/\\/g, '/');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
