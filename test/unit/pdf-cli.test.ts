// The `pdf` CLI command and exportPdfToFile: final and draft files read back with pdftotext, one-line Vietnamese errors, atomic writes.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../core/cli/main';
import { UserFacingError } from '../../core/files/errors';
import { loadSample, serializeReport } from '../../core/model/report';
import { exportPdfToFile } from '../../core/pdf/export';
import { pdfText } from '../helpers/pdf';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bc766-pdfcli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('pdf command', () => {
  it('writes the final document and a draft with the number and day blank', async () => {
    const input = join(dir, 'bao-cao.json');
    await writeFile(input, serializeReport(loadSample()));
    const finalPath = join(dir, 'bao-cao.pdf');
    const draftPath = join(dir, 'du-thao.pdf');

    const final = await cli('pdf', input, '--out', finalPath);
    expect(final).toMatchObject({ code: 0, out: '' });
    expect(final.err).toContain('Đã xuất bản chính thức');
    const draft = await cli('pdf', input, '--draft', '--out', draftPath);
    expect(draft.code).toBe(0);
    expect(draft.err).toContain('dự thảo');

    const finalBytes = await readFile(finalPath);
    expect(finalBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const finalText = await pdfText(finalBytes, { last: 1 });
    expect(finalText).toContain('Số: 364/BC-UBND');
    expect(finalText).toContain('ngày 15 tháng 8 năm 2024');
    const draftText = await pdfText(await readFile(draftPath), { last: 1 });
    expect(draftText).toMatch(/Số:\s+\/BC-UBND/);
    expect(draftText).not.toContain('364');
    // No temp files left next to the outputs.
    expect((await readdir(dir)).sort()).toEqual(['bao-cao.json', 'bao-cao.pdf', 'du-thao.pdf']);
  });

  it('answers bad input with one Vietnamese line and exit code 2', async () => {
    const input = join(dir, 'bao-cao.json');
    const sample = loadSample();
    await writeFile(input, serializeReport(sample));

    const noOut = await cli('pdf', input);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/^Thiếu --out/);

    const wrongExt = await cli('pdf', input, '--out', join(dir, 'x.docx'));
    expect(wrongExt.code).toBe(2);
    expect(wrongExt.err).toContain('phải có đuôi .pdf');

    const missing = await cli('pdf', join(dir, 'khong-co.json'), '--out', join(dir, 'x.pdf'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Không tìm thấy tệp');

    // A final copy needs the registered number: the clerk is told what to do, and no file is written.
    sample.document.number = null;
    await writeFile(input, serializeReport(sample));
    const noNumber = await cli('pdf', input, '--out', join(dir, 'x.pdf'));
    expect(noNumber.code).toBe(2);
    expect(noNumber.err).toMatch(/^Bản chính thức cần số văn bản\./);
    expect(noNumber.err.trim().split('\n')).toHaveLength(1);
    expect((await readdir(dir)).sort()).toEqual(['bao-cao.json']);
  });
});

describe('exportPdfToFile', () => {
  it('replaces an existing file completely and reports its size', async () => {
    const path = join(dir, 'bao-cao.pdf');
    await writeFile(path, 'old content');
    const { bytes } = await exportPdfToFile(loadSample(), path, { mode: 'draft' });
    const written = await readFile(path);
    expect(written.byteLength).toBe(bytes);
    expect(written.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(written.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
  });

  it('throws a UserFacingError and leaves the old file when the report cannot be a final copy', async () => {
    const path = join(dir, 'bao-cao.pdf');
    await writeFile(path, 'old content');
    const r = loadSample();
    r.document.date.day = null;
    const err = await exportPdfToFile(r, path, { mode: 'final' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((err as UserFacingError).message).toContain('ngày ký');
    expect(await readFile(path, 'utf8')).toBe('old content');
  });
});
