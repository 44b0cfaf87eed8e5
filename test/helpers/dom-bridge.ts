// The renderer's `api` global in DOM (jsdom) tests: the real core over a temporary library, events, queued dialog answers, call overrides.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ApiEvents, Bridge, EventName } from '../../core/api/contract';
import type { ApiRuntime } from '../../core/api/node-api';
import { sharedWorkerPool } from '../../core/worker/pool';
import { createTestRuntime, testDialogs, type TestDialogs } from './runtime';

export interface DomBridge {
  readonly runtime: ApiRuntime;
  /** The temporary folder (the library is its `library` subfolder). */
  readonly dir: string;
  /** Answers of the native dialogs, queued by the test. */
  readonly dialogs: TestDialogs;
  /** Calls answered by the test instead of the core (e.g. a slow dossier list); cleared after each test. */
  readonly overrides: Map<string, (args: unknown) => Promise<unknown>>;
  /** Sends an event from "main" to the renderer's listeners. */
  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void;
}

/** Installs the bridge for a test file (call at its top level): set up before all tests, DOM cleaned after each. */
export function installDomBridge(prefix: string): DomBridge {
  let runtime: ApiRuntime | undefined;
  let dir: string | undefined;
  const dialogs = testDialogs();
  const overrides = new Map<string, (args: unknown) => Promise<unknown>>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const emit = <E extends EventName>(event: E, payload: ApiEvents[E]): void => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    const rt = createTestRuntime(join(dir, 'library'), emit, dialogs);
    runtime = rt;
    // Files are read in a worker thread: start it now, so that no screen waits for its start-up in a test.
    await sharedWorkerPool().warm();
    const bridge: Bridge = {
      invoke: (async (name: string, args: unknown) => {
        const o = overrides.get(name);
        if (!o) return rt.invoke(name, args);
        try {
          return { ok: true, result: await o(args) };
        } catch (e) {
          return { ok: false, error: { code: (e as { code?: string }).code ?? 'INTERNAL', message: (e as Error).message } };
        }
      }) as Bridge['invoke'],
      on: ((event: string, listener: (p: unknown) => void) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      }) as Bridge['on'],
    };
    Object.defineProperty(globalThis, 'api', { value: bridge, configurable: true }); // jsdom: globalThis is the window
  });
  afterEach(() => {
    cleanup();
    overrides.clear();
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  return {
    get runtime() {
      if (!runtime) throw new Error('the bridge is not installed yet');
      return runtime;
    },
    get dir() {
      if (!dir) throw new Error('the bridge is not installed yet');
      return dir;
    },
    dialogs,
    overrides,
    emit,
  };
}
