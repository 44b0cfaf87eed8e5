// Shared plumbing of CLI commands: argument parsing, reading a report file, and the exit codes.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseReportJson } from '../model/report';
import type { Report } from '../model/schema';

/** Exit codes: 0 the command ran; 2 the input is unusable (missing file, invalid JSON, schema violation…). */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;

/** An error whose message is shown to the user as one line, with exit code 2, and no stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT_BAD_INPUT) {
    super(message);
  }
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
  /** Values of flags that may repeat, in order. */
  all(name: string): string[];
}

/** What a command accepts: every other flag, and words past `positional`, are refused (never silently ignored). */
export interface ArgSpec {
  /** The command's name, for the refusal. */
  command: string;
  /** Flags without a value (--json). */
  switches?: readonly string[];
  /** Flags that take a value (--out FILE). */
  options?: readonly string[];
  /** How many words besides flags it takes: a number, or 'many' (files). */
  positional: number | 'many';
  /** The usage line shown with a refusal. */
  usage: string;
}

/**
 * Parses `a b --flag value --switch` (a flag takes the next word unless it starts with "--" or is a switch). A flag
 * the command does not use, a value given to a switch, or a word more than it takes is refused with one line.
 */
export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const switches = spec.switches ?? [];
  const options = spec.options ?? [];
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const multi = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (!switches.includes(name) && !options.includes(name)) {
        const known = [...options, ...switches].map((f) => `--${f}`);
        throw new CliError(
          `Lệnh “${spec.command}” không dùng tham số “--${name}”` +
            (known.length > 0 ? ` (các tham số dùng được: ${known.join(', ')})` : ' (lệnh này không có tham số nào)') +
            `. Cách dùng: ${spec.usage}`,
        );
      }
      if (switches.includes(name) && eq > 0) throw new CliError(`Tham số “--${name}” của lệnh “${spec.command}” không nhận giá trị (“${a}”). Cách dùng: ${spec.usage}`);
      let value: string | true;
      if (eq > 0) value = a.slice(eq + 1);
      else if (switches.includes(name) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) value = true;
      else value = argv[++i]!;
      flags.set(name, value);
      if (typeof value === 'string') multi.set(name, [...(multi.get(name) ?? []), value]);
    } else positional.push(a);
  }
  if (spec.positional !== 'many' && positional.length > spec.positional) {
    const extra = positional.slice(spec.positional).map((w) => `“${w}”`).join(', ');
    throw new CliError(
      spec.positional === 0
        ? `Lệnh “${spec.command}” không nhận thêm tên tệp hay chữ nào ngoài các tham số; thừa: ${extra}. Cách dùng: ${spec.usage}`
        : `Lệnh “${spec.command}” chỉ nhận ${spec.positional} tên tệp hoặc từ; thừa: ${extra}. Cách dùng: ${spec.usage}`,
    );
  }
  return { positional, flags, all: (name) => multi.get(name) ?? [] };
}

/** The string value of a flag that must be present, or a CliError naming it. */
export function requireFlag(args: ParsedArgs, name: string, what: string): string {
  const v = args.flags.get(name);
  if (typeof v !== 'string' || v === '') throw new CliError(`Thiếu --${name} (${what}).`);
  return v;
}

/** Reads and validates a report JSON file; any problem becomes one CliError line naming the file. */
export async function readReportFile(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`Không tìm thấy tệp “${path}”. Hãy kiểm tra lại đường dẫn.`);
    if (code === 'EISDIR') throw new CliError(`“${path}” là một thư mục, không phải tệp báo cáo.`);
    throw new CliError(`Không đọc được tệp “${path}” (${code ?? 'lỗi không rõ'}).`);
  }
  const result = parseReportJson(text.normalize('NFC'));
  if (!result.ok) throw new CliError(`Tệp “${basename(path)}”: ${result.problem}.`);
  return result.report;
}

/** What a command gets: its arguments and where to print. */
export interface CommandContext {
  args: string[];
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Command {
  name: string;
  /** One-line usage in Vietnamese, shown by `help`. */
  usage: string;
  run(ctx: CommandContext): Promise<number>;
}
