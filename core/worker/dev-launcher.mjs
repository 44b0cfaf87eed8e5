// Starts the worker from TypeScript source in development and tests (tsx's loader); the app and the built CLI start the bundled worker.cjs instead.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
