// The registry of CLI commands: each command lives in its own file and is listed here once.
import type { Command } from '../io';
import { checkCommand } from './check';
import { newCommand } from './new';
import { sampleCommand } from './sample';

export const COMMANDS: Command[] = [
  sampleCommand,
  newCommand,
  checkCommand,
  // Later commands register here, one line each.
];
