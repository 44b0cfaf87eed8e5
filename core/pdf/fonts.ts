// Loading the embedded Liberation Serif 2 faces (Times New Roman metrics) from a fonts folder, cached per folder.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserFacingError } from '../files/errors';

/** The four faces the document uses, as TrueType file contents. */
export interface FontSet {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
  boldItalic: Uint8Array;
}

export const FONT_FILES: Record<keyof FontSet, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
};

/**
 * The repository's `assets/fonts`, resolved relative to this module (core/pdf → ../../assets/fonts). In a CommonJS
 * bundle without import.meta.url (the CLI's out/cli/cli.cjs) it is looked up from the bundle's folder, then under
 * the working folder. The packaged app passes its own path instead.
 */
export function defaultFontsDir(): string {
  try {
    const here = import.meta.url;
    if (here) return fileURLToPath(new URL('../../assets/fonts/', here));
  } catch {
    // not an ES module context: fall through
  }
  const candidates: string[] = [];
  if (typeof __dirname !== 'undefined') candidates.push(resolve(__dirname, '..', '..', 'assets', 'fonts'), resolve(__dirname, '..', 'assets', 'fonts'));
  candidates.push(resolve(process.cwd(), 'assets', 'fonts'));
  return candidates.find((dir) => existsSync(join(dir, FONT_FILES.regular))) ?? candidates[candidates.length - 1]!;
}

const cache = new Map<string, FontSet>();

function missingFonts(dir: string, cause: unknown): UserFacingError {
  return new UserFacingError(
    'PDF_FONTS_MISSING',
    `Không tìm thấy phông chữ Liberation Serif trong thư mục “${dir}”, nên không tạo được tệp PDF. Hãy cài đặt lại ứng dụng.`,
    { cause },
  );
}

/** Reads the four faces from `dir` (default: defaultFontsDir()), once per folder. Throws UserFacingError if one is missing. */
export async function loadFonts(dir: string = defaultFontsDir()): Promise<FontSet> {
  const key = resolve(dir);
  const known = cache.get(key);
  if (known) return known;
  try {
    const [regular, bold, italic, boldItalic] = await Promise.all(
      (Object.keys(FONT_FILES) as (keyof FontSet)[]).map((k) => readFile(join(key, FONT_FILES[k]))),
    );
    const set: FontSet = { regular: regular!, bold: bold!, italic: italic!, boldItalic: boldItalic! };
    cache.set(key, set);
    return set;
  } catch (err) {
    throw missingFonts(key, err);
  }
}

/** Synchronous variant of loadFonts for benchmarks and the sync renderer. */
export function loadFontsSync(dir: string = defaultFontsDir()): FontSet {
  const key = resolve(dir);
  const known = cache.get(key);
  if (known) return known;
  try {
    const set: FontSet = {
      regular: readFileSync(join(key, FONT_FILES.regular)),
      bold: readFileSync(join(key, FONT_FILES.bold)),
      italic: readFileSync(join(key, FONT_FILES.italic)),
      boldItalic: readFileSync(join(key, FONT_FILES.boldItalic)),
    };
    cache.set(key, set);
    return set;
  } catch (err) {
    throw missingFonts(key, err);
  }
}
