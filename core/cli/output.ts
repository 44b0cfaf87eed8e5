// Writing a CLI command's output file through the atomic writer, turning write failures into one-line messages.
import { UserFacingError } from '../files/errors';
import { CliError } from './io';

export async function writeOutput(
  path: string,
  data: string | Uint8Array,
  write: (path: string, data: string | Uint8Array) => Promise<void>,
): Promise<void> {
  try {
    await write(path, data);
  } catch (err) {
    if (err instanceof UserFacingError) throw new CliError(err.message);
    throw new CliError(`Không ghi được tệp “${path}”: ${(err as Error).message}`);
  }
}
