// The preload bridge: exposes `window.api` ({ invoke, on }) over two IPC channels and nothing else (bundled to one CommonJS file for the sandbox).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAME_LIST, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../core/api/channels';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string') return;
  for (const listener of listeners.get(event) ?? []) {
    try {
      listener(payload);
    } catch {
      // A failing listener must not stop the others.
    }
  }
});

const bridge = {
  /** Calls main; resolves to `{ ok: true, result }` or `{ ok: false, error: { code, message } }`. */
  invoke(name: unknown, args: unknown): Promise<unknown> {
    if (typeof name !== 'string') return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CALL', message: 'Lệnh không hợp lệ.' } });
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, args);
  },
  /** Subscribes to an event from main; returns the unsubscribe function. */
  on(event: unknown, listener: unknown): () => void {
    if (typeof event !== 'string' || !(EVENT_NAME_LIST as readonly string[]).includes(event) || typeof listener !== 'function') {
      throw new Error(`unknown event ${String(event)}`);
    }
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener as Listener);
    };
  },
};

contextBridge.exposeInMainWorld('api', bridge);
