// The registry of CLI commands: each command lives in its own file and is listed here once.
import type { Command } from '../io';
import { aggregateCommand } from './aggregate';
import { checkCommand } from './check';
import { exportCommand } from './export';
import { newCommand } from './new';
import { sampleCommand } from './sample';
import { templateCommand } from './template';

export const COMMANDS: Command[] = [
  sampleCommand,
  newCommand,
  checkCommand,
  exportCommand,
  templateCommand,
  aggregateCommand,
  // Later commands register here, one line each.
];
