// Crafted zips for the damaged-file tests (wrong CRCs, lying sizes, duplicate names) and a probe that runs a reader in a child process with a time and memory cap.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { build } from 'esbuild';
import { packZip } from './fuzz-zip';

export interface Part {
  name: string;
  data: Buffer | string;
  /** Stored (method 0) instead of deflated. */
  store?: boolean;
  /** Write this CRC instead of the real one. */
  crc?: number;
  /** Write this uncompressed size instead of the real one. */
  size?: number;
  /** Pre-compressed body (deflate raw), e.g. a bomb built in pieces. */
  body?: Buffer;
}

/** A zip of the given parts, in order, with whatever lies the parts ask for (same layout as Excel's: local headers, central directory). */
export function buildZip(parts: Part[]): Buffer {
  return packZip(
    parts.map((p) => {
      const data = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
      return {
        name: p.name,
        method: p.store ? 0 : 8,
        crc: p.crc ?? crc32(data),
        size: p.size ?? data.length,
        body: p.body ?? (p.store ? data : deflateRawSync(data)),
      };
    }),
  );
}

/** Where each part's data lies in a zip built by buildZip (by walking the local headers). */
export function partData(zip: Buffer, name: string): { start: number; length: number } {
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const nameLen = zip.readUInt16LE(at + 26);
    const extraLen = zip.readUInt16LE(at + 28);
    const size = zip.readUInt32LE(at + 18);
    const start = at + 30 + nameLen + extraLen;
    if (zip.toString('utf8', at + 30, at + 30 + nameLen) === name) return { start, length: size };
    at = start + size;
  }
  throw new Error(`no part ${name}`);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WB = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WB_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** A sheet part around the given <sheetData> content. */
export function sheetXml(sheetData: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${sheetData}</sheetData></worksheet>`;
}

/** A shared-strings part of the given strings. */
export function sstXml(strings: string[]): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`;
}

/** The parts of a one-sheet workbook; `sheet` and `sst` may carry their own options (stored, lies). */
export function workbookParts(sheet: Omit<Part, 'name'>, sst?: Omit<Part, 'name'>): Part[] {
  return [
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'xl/workbook.xml', data: WB },
    { name: 'xl/_rels/workbook.xml.rels', data: WB_RELS },
    ...(sst ? [{ name: 'xl/sharedStrings.xml', ...sst }] : []),
    { name: 'xl/worksheets/sheet1.xml', ...sheet },
  ];
}

const made: string[] = [];

/** A temp folder for crafted files (removed by removeHostileDirs). */
export async function hostileDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bc766-hostile-'));
  made.push(dir);
  return dir;
}

/** Removes every folder hostileDir made in this process (the probe's bundle included). */
export async function removeHostileDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  probeJs = null;
}

export async function writeTemp(dir: string, name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/* ---------------------------------------------------------------- the probe child */

/** What a reader did with a file, seen from outside its process. */
export type ProbeResult =
  | { kind: 'rows'; rows: unknown[][]; ms: number }
  | { kind: 'refused'; code: string; message: string; ms: number }
  | { kind: 'error'; name: string; message: string; ms: number }
  | { kind: 'hang'; ms: number }
  | { kind: 'crash'; stderr: string; ms: number };

const PROBE_SOURCE = `
import { UserFacingError } from './core/files/errors';
const [mode, ...paths] = process.argv.slice(2);
const out = (o: unknown) => new Promise<void>((done) => process.stdout.write(JSON.stringify(o) + '\\n', () => done()));
const cell = (v: unknown) => (v instanceof Date ? { date: v.toISOString() } : v);
(async () => {
  for (const path of paths) {
    const started = Date.now();
    try {
      const rows: unknown[][] = [];
      if (mode === 'stream') {
        const { streamRows } = await import('./core/xlsx/stream');
        for await (const r of streamRows(path!)) rows.push([r.row, ...r.values.map(cell)]);
      } else {
        const { readSpreadsheetFile } = await import('./core/xlsx/read');
        const wb = await readSpreadsheetFile(path!);
        for (const r of wb.sheets[0]!.rows) rows.push(r.map(cell));
      }
      await out({ kind: 'rows', rows, ms: Date.now() - started });
    } catch (err) {
      const ms = Date.now() - started;
      if (err instanceof UserFacingError) await out({ kind: 'refused', code: err.code, message: err.message, ms });
      else await out({ kind: 'error', name: (err as Error)?.name, message: String((err as Error)?.message ?? err), ms });
    }
  }
  process.exit(0);
})();
`;

let probeJs: Promise<string> | null = null;

function probeScript(): Promise<string> {
  probeJs ??= (async () => {
    const dir = await hostileDir();
    const outfile = join(dir, 'probe.cjs');
    await build({
      stdin: { contents: PROBE_SOURCE, resolveDir: resolve('.'), sourcefile: 'probe.ts', loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
    return outfile;
  })();
  return probeJs;
}

/**
 * Runs the dossier stream reader ('stream') or the table reader ('table') on files, one after the other, in one child
 * Node process with a heap cap and a time limit per file, so that a hang or an abort is a test failure, not a stuck
 * test run. A file after a hang or a crash gets the same result.
 */
export async function probeMany(mode: 'stream' | 'table', paths: string[], opts: { timeoutMs?: number; heapMb?: number } = {}): Promise<ProbeResult[]> {
  const script = await probeScript();
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${opts.heapMb ?? 768}`, script, mode, ...paths], {
      env: { ...process.env, NODE_PATH: resolve('node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const results: ProbeResult[] = [];
    let pending = '';
    let stderr = '';
    let timedOut = false;
    let timer: NodeJS.Timeout;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, opts.timeoutMs ?? 15_000);
    };
    arm();
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString('utf8');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line.startsWith('{')) {
          results.push(JSON.parse(line) as ProbeResult);
          arm();
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4000)));
    child.on('close', () => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      const last: ProbeResult = timedOut ? { kind: 'hang', ms } : { kind: 'crash', stderr: stderr.trim(), ms };
      while (results.length < paths.length) results.push(last);
      done(results);
    });
  });
}

/** probeMany for one file. */
export async function probe(mode: 'stream' | 'table', path: string, opts: { timeoutMs?: number; heapMb?: number } = {}): Promise<ProbeResult> {
  return (await probeMany(mode, [path], opts))[0]!;
}
