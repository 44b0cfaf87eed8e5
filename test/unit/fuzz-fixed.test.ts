// The fixed fuzz set: ~30 malformed files of the families issue 14 names, each run through the real CLI (import and aggregate) in a child process; every run must be a clean refusal or a correct acceptance within 10 s and 500 MB.
//
// The long runs are `npm run fuzz -- --seed S --count N`; this set keeps the cases of the issue from coming back. The
// `inspect` command reads files through the same reader and preview as `import`, so the set runs import and
// aggregate (the in-memory table reader and the streaming dossier reader) to stay under a minute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { degradeTo1252, encodeCp1252, encodeCp1258, TABLE_CSV_LINES, utf16be, type BaseKey } from '../helpers/fuzz-bases';
import { makeCase, type FuzzCase } from '../helpers/fuzz-generate';
import {
  ACCEPTABLE,
  classificationTable,
  createRunner,
  DEFAULT_LIMITS,
  failureLines,
  isCleanRefusalText,
  prepareCli,
  rowsOf,
  runCases,
  runLimited,
  type CaseResult,
  type CliHandle,
} from '../helpers/fuzz-run';

/** [mutation, base, seed, what the seed must give]: the last item checks the generator still makes the intended case. */
const FIXED: [string, BaseKey, number, RegExp][] = [
  // Byte flips and CRCs (14.1): damage any zip tool would report as "bad CRC-32".
  ['flip-in-part', 'ds-xlsx', 7, /flip one bit of xl\/worksheets\/sheet1.xml/],
  ['stored-digit-crc-kept', 'bang-xlsx', 1, /stored zip, E15 100 → 600 with the old CRC/],
  ['stored-digit-crc-kept', 'ds-xlsx', 1, /stored zip, H41 .* with the old CRC/],
  ['cut-part-valid-crc', 'ds-xlsx', 7, /cut at .* \(after a <\/row>\)/],
  // Zip names (14.1): duplicates, "../" paths.
  ['duplicate-sheet', 'bang-xlsx', 32, /twice, the second copy E17 98.44 → 96.44/],
  ['odd-entry-name', 'bang-xlsx', 1, /"\.\.\/\.\.\/evil.xml"/],
  // Cell references beyond XFD (14.2).
  ['far-cell-refs', 'ds-xlsx', 7, /a cell at ZZZZZZZ/],
  ['figure-moved-far', 'bang-xlsx', 1, /E15 \(100\) moved to ZZZZZZZ15/],
  // Unclosed cells, unquoted attributes, hex and infinite numbers (14.1, 14.2).
  ['xlsx-odd-cell', 'bang-xlsx', 9, /E10 \(94.12\) → the cell without <\/c>/],
  ['xlsx-odd-cell', 'ds-xlsx', 10, /unquoted attributes/],
  ['tiny-broken-sheet', 'ds-xlsx', 9, /one broken row: <row r="1"><c r=A1 t=s>/],
  ['tiny-broken-sheet', 'ds-xlsx', 12, /one broken row: <row r="1"><c r="A1" t="s"><v>0<\/v><\/row>/],
  ['xlsx-odd-cell', 'bang-xlsx', 460, /E18 \(50\) → <v>0x50<\/v>/],
  ['text-odd-cell', 'bang-csv', 1, /\(94,12\) → 0x50/],
  // Bombs (14.2): a shared string and rows of hundreds of megabytes in a small zip.
  ['huge-shared-string', 'ds-xlsx', 1, /unused shared string of 600 MB/],
  ['row-bomb', 'ds-xlsx', 1, /empty rows after the data \(600 MB\)/],
  ['row-bomb', 'bang-xlsx', 24, /one huge cell after the data \(200 MB\)/],
  // Nesting (14.3).
  ['html-nesting', 'bang-html', 12, /10000 nested <div>/],
  ['html-nesting', 'bang-html', 5, /40000 nested tables/],
  ['xml-nesting', 'bang-xml', 12, /10000 nested <B>/],
  // Character references and entities (14.2).
  ['xlsx-char-refs', 'ds-xlsx', 1, /invalid in a name &#1114112;/],
  ['xlsx-char-refs', 'bang-xlsx', 7, /letters written as character references/],
  ['markup-char-refs', 'bang-html', 35, /invalid in a name: &#1114112;/],
  ['xlsx-doctype', 'bang-xlsx', 4, /entities nested 9 deep/],
  // CSV: one huge line (14.3) and encodings.
  ['shape', 'bang-csv', 8, /a 40 MB line of "x"/],
  ['encoding', 'bang-csv', 2, /windows-1258/],
  ['encoding', 'ds-csv', 9, /utf-16le with BOM/],
];

describe('fixed fuzz set', () => {
  let handle: CliHandle;
  let cases: FuzzCase[];
  let results: CaseResult[];

  beforeAll(async () => {
    handle = await prepareCli();
    cases = [];
    for (const [mutation, base, seed] of FIXED) cases.push({ ...(await makeCase(mutation, base, seed)), commands: ['import', 'aggregate'] });
  }, 180_000);

  afterAll(async () => {
    await handle?.dispose();
  });

  it('the seeds still give the intended cases', () => {
    const off = FIXED.map(([, , , want], i) => [cases[i]!, want] as const).filter(([c, want]) => !want.test(c.mutation));
    expect(off.map(([c, want]) => `${c.id}: "${c.mutation}" does not match ${want}`)).toEqual([]);
  });

  it('every run is a clean refusal or a correct acceptance within 10 s of CPU and 500 MB', async () => {
    results = await runCases(createRunner(handle), cases, 2);
    const rows = rowsOf(results);
    const failures = failureLines(rows);
    if (failures.length > 0) {
      // The table and one line per failing run, so a failure says what to fix without a re-run.
      process.stderr.write(`\nFixed fuzz set:\n${classificationTable(rows)}\n\nNot clean:\n${failures.join('\n')}\n`);
    }
    expect(failures, `\n${classificationTable(rows)}\n`).toEqual([]);
    expect(rows.every((r) => ACCEPTABLE.includes(r.outcome.verdict))).toBe(true);
    expect(rows.length).toBe(FIXED.length * 2);
  }, 600_000);
});

describe('the fuzz harness itself', () => {
  const limits = { ...DEFAULT_LIMITS, timeoutMs: 1500, memoryMb: 300, killMemoryMb: 600 };
  const run = (code: string) => runLimited(['-e', code], { cwd: tmpdir(), limits });

  it('tells a hang, a crash and a memory hog from a normal exit, and measures peak memory', async () => {
    const [ok, hang, crash, hog] = await Promise.all([
      run('process.stderr.write("Tệp “a.xlsx” bị hỏng.\\n"); process.exitCode = 2'),
      run('for (;;) {}'),
      run('process.abort()'),
      run('const b = Buffer.alloc(400 * 1024 * 1024, 1); setTimeout(() => console.log(b[5]), 2000)'),
    ]);
    expect([ok.code, ok.timedOut, ok.stderr.trim()]).toEqual([2, false, 'Tệp “a.xlsx” bị hỏng.']);
    expect(ok.peakMb).toBeGreaterThan(10);
    expect(ok.peakMb).toBeLessThan(200);
    expect(hang.timedOut).toBe(true);
    expect(hang.code).toBeNull();
    expect(crash.signal).not.toBeNull();
    expect(hog.peakMb).toBeGreaterThan(300);
  }, 120_000);

  it('accepts one Vietnamese line as a clean refusal, and nothing else', () => {
    expect(isCleanRefusalText('Tệp “a.xlsx” bị hỏng: không khớp mã kiểm tra; hãy tải hoặc sao chép lại tệp.\n').clean).toBe(true);
    for (const bad of [
      '',
      'Lỗi không mong đợi: Invalid code point 1114112. Hãy báo cho bộ phận hỗ trợ.',
      'Tệp hỏng.\nDòng hai.',
      'RangeError: Invalid array length',
      'Tệp “a” hỏng\n    at readSheet (stream.ts:12:5)',
      'Fatal JavaScript invalid size error 169220804',
    ]) {
      expect(isCleanRefusalText(bad).clean, bad).toBe(false);
    }
  });

  it('encodes the CSV cases as Vietnamese Windows and Excel would (the decoders give the text back)', () => {
    const text = TABLE_CSV_LINES.join('\r\n');
    expect(new TextDecoder('windows-1258').decode(encodeCp1258(text)).normalize('NFC')).toBe(text);
    expect(new TextDecoder('utf-16be').decode(utf16be(text))).toBe(text);
    const degraded = degradeTo1252(text);
    expect(degradeTo1252('Phòng Tư pháp, Đức Xuân')).toBe('Phòng Tu pháp, Dúc Xuân');
    expect(new TextDecoder('windows-1252').decode(encodeCp1252(degraded))).toBe(degraded);
  });
});
