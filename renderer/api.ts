// The renderer's thin typed client over the preload bridge `window.api` (the contract in core/api/contract.ts).
import { createApiClient, type ApiClient, type Bridge } from '../core/api/contract';

declare global {
  interface Window {
    api?: Bridge;
  }
}

let client: ApiClient | null = null;

/** True when the bridge is there (the app or the browser test harness). */
export function hasBridge(): boolean {
  return typeof window !== 'undefined' && !!window.api;
}

/** The typed client: `await api()['library.list']({})`; failures reject with ApiCallError (Vietnamese message). */
export function api(): ApiClient {
  if (!client) {
    const bridge = window.api;
    if (!bridge) throw new Error('window.api is missing');
    client = createApiClient(bridge);
  }
  return client;
}

/** Subscribes to an event from main; a no-op without a bridge. */
export const onEvent: Bridge['on'] = (event, listener) => {
  if (!window.api) return () => undefined;
  return window.api.on(event, listener);
};
