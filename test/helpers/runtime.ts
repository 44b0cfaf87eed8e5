// The real core API over a temporary library folder, as main assembles it, with dialogs answered by the test: for the browser and DOM tests.
import { join } from 'node:path';
import type { ApiEvents, EventName } from '../../core/api/contract';
import type { Printer } from '../../core/api/handlers';
import { createApiRuntime, type ApiRuntime } from '../../core/api/node-api';
import type { WorkerPool } from '../../core/worker/pool';

/** An in-memory stand-in for electron-store (the settings file is never written in tests). */
function memoryStore(path: string) {
  let data: Record<string, unknown> = {};
  return {
    get store() {
      return data;
    },
    set store(v: Record<string, unknown>) {
      data = structuredClone(v);
    },
    path,
  };
}

/**
 * What the native dialogs answer in a test: each dialog call takes the first queued answer (none left = cancelled).
 * Every dialog's arguments and every os.openPath / os.showInFolder call are recorded.
 */
export interface TestDialogs {
  openFile: string[][];
  saveFile: (string | null)[];
  chooseFolder: (string | null)[];
  /** "openFile:{json args}", "saveFile:{json args}", "chooseFolder:{json args}". */
  asked: string[];
  /** "open:<path>" and "folder:<path>". */
  shellCalls: string[];
}

export function testDialogs(): TestDialogs {
  return { openFile: [], saveFile: [], chooseFolder: [], asked: [], shellCalls: [] };
}

export interface TestRuntimeOptions {
  /** Refuse paths no dialog returned, as the app does (default off, so harness tests can name any file). */
  enforceGrants?: boolean;
  /** Provide the shell that opens files and folders (default on; off tests the message without one). */
  shell?: boolean;
  /** The threads that read files (default: the shared pool); a test passes one with test hooks. */
  workers?: WorkerPool;
  /** The shell's printer (print.report); without it the call fails with PRINT_UNAVAILABLE. */
  printer?: Printer;
}

/** The real core API over a library folder, as main assembles it, with dialogs answered by the test. */
export function createTestRuntime(
  libraryFolder: string,
  emit?: <E extends EventName>(e: E, p: ApiEvents[E]) => void,
  answers: TestDialogs = testDialogs(),
  opts: TestRuntimeOptions = {},
): ApiRuntime {
  return createApiRuntime({
    libraryFolder,
    settingsFile: join(libraryFolder, '..', 'settings.json'),
    createSettingsStore: () => memoryStore(join(libraryFolder, '..', 'settings.json')),
    dialogs: {
      openFile: async (a) => {
        answers.asked.push(`openFile:${JSON.stringify(a)}`);
        return { paths: answers.openFile.shift() ?? [] };
      },
      saveFile: async (a) => {
        answers.asked.push(`saveFile:${JSON.stringify(a)}`);
        return { path: answers.saveFile.shift() ?? null };
      },
      chooseFolder: async (a) => {
        answers.asked.push(`chooseFolder:${JSON.stringify(a)}`);
        return { path: answers.chooseFolder.shift() ?? null };
      },
    },
    ...(opts.shell === false
      ? {}
      : {
          shell: {
            openPath: async (p: string) => void answers.shellCalls.push(`open:${p}`),
            showInFolder: async (p: string) => void answers.shellCalls.push(`folder:${p}`),
          },
        }),
    appInfo: { name: 'Báo cáo 766', version: 'test', electron: null, platform: process.platform, packaged: false },
    ...(emit ? { emit } : {}),
    ...(opts.enforceGrants ? { enforceGrants: true } : {}),
    ...(opts.workers ? { workers: opts.workers } : {}),
    ...(opts.printer ? { printer: opts.printer } : {}),
  });
}

