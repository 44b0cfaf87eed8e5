// Entry point of the command-line interface: dispatches to a command and turns every failure into one Vietnamese line.
import { COMMANDS } from './commands/index';
import { CliError, EXIT_BAD_INPUT, type CommandContext } from './io';

export async function runCli(argv: string[], io: Omit<CommandContext, 'args'>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(['Báo cáo 766 — dòng lệnh', '', 'Cách dùng: baocao766 <lệnh> [tham số]', '', ...COMMANDS.map((c) => '  ' + c.usage)].join('\n') + '\n');
    return name ? 0 : EXIT_BAD_INPUT;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`Lệnh “${name}” không có. Gõ “help” để xem các lệnh.`);
    return EXIT_BAD_INPUT;
  }
  try {
    return await command.run({ ...io, args: rest });
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(err.message);
      return err.exitCode;
    }
    // A bug, not bad input: still one line, with a hint, never a stack trace.
    io.stderr(`Lỗi không mong đợi: ${(err as Error)?.message ?? String(err)}. Hãy báo cho bộ phận hỗ trợ.`);
    return 1;
  }
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && /cli[\\/]main\.[cm]?[jt]s$|cli\.cjs$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  }).then((code) => {
    process.exitCode = code;
  });
}
