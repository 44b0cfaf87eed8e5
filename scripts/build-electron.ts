// Bundles the Electron main process, the sandboxed preload and the CLI with esbuild into out/ (run: npx tsx scripts/build-electron.ts).
//
//   out/main/main.js         ESM (package.json "type": "module"), platform node, electron and the CommonJS runtime
//                            dependencies left external (they ship in node_modules)
//   out/preload/preload.cjs  one CommonJS file that requires nothing but "electron" (checked), so the sandbox stays on
//   out/cli/cli.cjs          the command-line interface (package.json "bin"), CommonJS with a shebang
//   out/main/worker.cjs      the file-reading worker thread (core/worker/entry.ts), CommonJS; a copy in out/cli/ for
//                            the CLI: core/worker/pool.ts starts the worker.cjs beside the running bundle
import { readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** CommonJS runtime dependencies that read their own data files or are large: loaded from node_modules at run time. */
export const EXTERNAL_DEPS = ['exceljs', 'pdfkit', 'yauzl', 'saxes'];

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: ROOT,
};

export interface BuildResult {
  main: string;
  preload: string;
  cli: string;
  /** The worker thread beside main (and its copy beside the CLI). */
  worker: string;
  cliWorker: string;
}

/** Builds the bundles; throws if the preload would require anything but electron. */
export async function buildElectron(opts: { outDir?: string; minify?: boolean } = {}): Promise<BuildResult> {
  const out = resolve(ROOT, opts.outDir ?? 'out');
  const main = join(out, 'main', 'main.js');
  const preload = join(out, 'preload', 'preload.cjs');
  const cli = join(out, 'cli', 'cli.cjs');
  const worker = join(out, 'main', 'worker.cjs');
  const cliWorker = join(out, 'cli', 'worker.cjs');
  await Promise.all([join(out, 'main'), join(out, 'preload'), join(out, 'cli')].map((d) => rm(d, { recursive: true, force: true })));
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main.ts'],
      outfile: main,
      format: 'esm',
      // ES2020 syntax: class fields and private members are lowered, so static analysers (Electronegativity's
      // parsers) can read the bundle; Electron runs it either way.
      target: 'es2020',
      external: ['electron', ...EXTERNAL_DEPS],
      // Bundled CommonJS code may call require(): give the ESM bundle one.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      minify: opts.minify ?? false,
    }),
    build({
      ...common,
      entryPoints: ['electron/preload.ts'],
      outfile: preload,
      format: 'cjs',
      platform: 'node',
      target: 'es2020',
      external: ['electron'],
      minify: opts.minify ?? false,
    }),
    build({
      ...common,
      entryPoints: ['core/cli/main.ts'],
      outfile: cli,
      format: 'cjs',
      external: EXTERNAL_DEPS,
      // import.meta.url (used to find assets/fonts) becomes this file's URL in the CommonJS bundle.
      banner: { js: "#!/usr/bin/env node\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      define: { 'import.meta.url': '__importMetaUrl' },
      minify: opts.minify ?? false,
    }),
    ...[worker, cliWorker].map((outfile) =>
      build({
        ...common,
        entryPoints: ['core/worker/entry.ts'],
        outfile,
        format: 'cjs',
        external: EXTERNAL_DEPS,
        banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
        define: { 'import.meta.url': '__importMetaUrl' },
        minify: opts.minify ?? false,
      }),
    ),
  ]);
  const preloadText = await readFile(preload, 'utf8');
  const required = [...preloadText.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
  const others = required.filter((r) => r !== 'electron');
  if (others.length > 0) throw new Error(`the preload requires ${others.join(', ')}: only "electron" is available in the sandbox`);
  return { main, preload, cli, worker, cliWorker };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  buildElectron({ minify: process.argv.includes('--minify') }).then(
    (r) => {
      process.stdout.write(`Đã dựng main, preload, CLI và luồng đọc tệp vào out/ (${Date.now() - started} ms):\n  ${r.main}\n  ${r.preload}\n  ${r.cli}\n  ${r.worker}\n`);
    },
    (err: unknown) => {
      process.stderr.write(`Dựng không thành công: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
