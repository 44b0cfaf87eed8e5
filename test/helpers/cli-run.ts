// Runs the CLI in this process with stdout and stderr captured (the CLI tests of the overview use it; older CLI tests
// still carry their own copy of these lines).
import { runCli } from '../../core/cli/main';

export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t + '\n'), stderr: (t) => (stderr += t + '\n') });
  return { code, stdout, stderr };
}
