// Every Vietnamese word the renderer shows lives in renderer/strings/ (vi.ts, guide.ts): no screen, component or state
// file carries its own. Comments may speak Vietnamese (they quote the UI); code may not.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const RENDERER = join(ROOT, 'renderer');
// Letters only Vietnamese text has (any tone mark, or ă â đ ê ô ơ ư), in either case.
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'strings' ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

/** The code of a file without its comments (block, JSX and line comments), kept line by line for the message. */
export function withoutComments(src: string): string[] {
  const noBlocks = src.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '));
  return noBlocks.split('\n').map((line) => line.replace(/(^|[^:'"`\\])\/\/.*$/, '$1'));
}

/** "file:line: text" for each line of code that carries Vietnamese letters. */
export function vietnameseInCode(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    withoutComments(readFileSync(file, 'utf8')).forEach((line, i) => {
      if (VIETNAMESE.test(line)) found.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe('user-facing strings', () => {
  it('are all in renderer/strings/: no Vietnamese in the code of other renderer files', () => {
    const files = sourceFiles(RENDERER);
    expect(files.length).toBeGreaterThan(30);
    expect(vietnameseInCode(files)).toEqual([]);
  });

  it('the check sees a planted string and ignores comments', () => {
    expect(withoutComments("// Tổng điểm\nconst a = 'x'; // Xếp loại\n/* Số hóa */ const b = 'Đúng hạn';").join('\n')).toMatch(/Đúng hạn/);
    const lines = withoutComments("// Tổng điểm\nconst a = 'x'; // Xếp loại\n{/* Số hóa */}");
    expect(lines.some((l) => VIETNAMESE.test(l))).toBe(false);
  });
});
