// File names Windows refuses whatever their folder: the reserved device names (CON, NUL, COM1…), checked wherever the app names or accepts a file.

/** CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9 (also COM¹–COM³ and LPT¹–LPT³, which Windows reserves too). */
const RESERVED_STEM = /^(?:CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])$/i;

/**
 * True when Windows would treat `name` (a file name without folders) as a device: a reserved stem, in any case,
 * alone or followed by an extension ("NUL.tar.gz"), trailing spaces and dots ignored as Windows does ("AUX .pdf", "LPT2.").
 */
export function isWindowsReservedName(name: string): boolean {
  const stem = name.split('.')[0]!.replace(/[ .]+$/, '');
  return RESERVED_STEM.test(stem);
}

/** The last part of a path, for either separator (a Windows path checked on any platform). */
export function baseNameOf(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

/** The clerk's words for a refused reserved name. */
export const RESERVED_NAME_MESSAGE = 'tên này là tên thiết bị dành riêng của Windows (CON, NUL, AUX, PRN, COM1…, LPT1…); hãy đặt tên khác';
