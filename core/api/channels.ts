// IPC channel and event names shared by main and the preload (dependency-free, so the sandboxed preload stays small).

/** Renderer → main: `invoke(IPC_INVOKE_CHANNEL, name, args)` returns an ApiResult. */
export const IPC_INVOKE_CHANNEL = 'api:invoke';
/** Main → renderer: `{ event, payload }` messages. */
export const IPC_EVENT_CHANNEL = 'api:event';

/** Events main sends (payload types in contract.ts `ApiEvents`). */
export const EVENT_NAME_LIST = ['progress', 'library.changed', 'notice', 'app.flushRequest', 'menu'] as const;
