// The registry of CLI commands: each command lives in its own file and is listed here once.
import type { Command } from '../io';
import { aggregateCommand } from './aggregate';
import { checkCommand } from './check';
import { docxCommand } from './docx';
import { exportCommand } from './export';
import { importCommand } from './import';
import { inspectCommand } from './inspect';
import { libraryCommand } from './library';
import { newCommand } from './new';
import { overviewCommand } from './overview';
import { pdfCommand } from './pdf';
import { sampleCommand } from './sample';
import { templateCommand } from './template';
import { unitsCommand } from './units';

export const COMMANDS: Command[] = [
  sampleCommand,
  newCommand,
  checkCommand,
  exportCommand,
  templateCommand,
  aggregateCommand,
  inspectCommand,
  importCommand,
  unitsCommand,
  pdfCommand,
  docxCommand,
  libraryCommand,
  overviewCommand,
  // Later commands register here, one line each.
];
