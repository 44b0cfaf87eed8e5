// Release check: packages the app with electron-builder (linux `dir`, a stand-in Electron, no fuses) and asserts what the package holds.
//
// Run: npx tsx scripts/package-check.ts [--skip-build] [--keep] | --inspect APP_DIR
//   (default) builds the app first (scripts/build-electron.ts, then `vite build`), packages it into a temporary
//   folder, opens resources/app.asar and checks it: the main process, the preload, the renderer build, the fonts,
//   the sample and every production dependency must be inside, and every package the main process and the
//   preload import must resolve inside the package; tests, source maps, TypeScript sources, other
//   project files, native modules and development-only packages must not. Exit 0 when all is well, 1 otherwise.
//   --skip-build  package whatever out/ holds now (run `npm run build` before)
//   --keep        keep the temporary folder and print where it is
//   --inspect DIR check a package electron-builder already made (release/win-unpacked in the release workflow):
//                 its contents as above, and the fuses of its real Electron executable against the config
// The Electron binary is not downloaded: electronDist points at a stand-in folder made here (a shell script named
// `electron`, locale files and licences), and fuse flipping is off because fuses cannot be flipped in a script.
// Everything else comes from electron-builder.config.cjs, the configuration the Windows release uses.
import * as asar from '@electron/asar';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';

/** Locale files of the stand-in Electron; electronLanguages keeps vi and en-US and must remove the others. */
const STAND_IN_LOCALES = ['en-US.pak', 'vi.pak', 'fr.pak', 'de.pak'];

/** What a packaged app holds, as paths with forward slashes. */
export interface PackageContents {
  /** The unpacked app folder (electron-builder's linux-unpacked). */
  appOutDir: string;
  /** Files inside resources/app.asar, relative to the archive root; files marked unpacked are listed too. */
  asarFiles: string[];
  /** Files of the app folder outside the archive, relative to appOutDir (resources/app.asar itself included). */
  outsideFiles: string[];
  /** Bare module specifiers (packages, builtins) each script of out/main and out/preload imports or requires. */
  imports: Record<string, string[]>;
}

/** One file the package must hold, with a description for the message. */
export interface RequiredFile {
  path: string;
  what: string;
}

/** What the package must and must not hold, derived from the project. */
export interface Expectations {
  required: RequiredFile[];
  /** Production packages from package-lock.json (direct and transitive), by name. */
  productionPackages: string[];
  /** Packages that package-lock.json marks as needed for development only, by name. */
  devOnlyPackages: Set<string>;
  /** The executable electron-builder must have produced at the top of the app folder. */
  executableName: string;
  /** Problems of the project itself (nothing built yet), reported before anything is packaged. */
  projectProblems: string[];
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** All files under `dir` (recursively), relative to `root`, with forward slashes; [] when `dir` is missing. */
function filesUnder(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(toPosix(path.relative(root, p)));
    }
  };
  walk(abs);
  return out.sort();
}

const packageNameOfLockKey = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Reads the electron-builder configuration of the project (a CommonJS file). */
export function loadBuilderConfig(projectDir: string): Configuration {
  const require = createRequire(import.meta.url);
  const file = path.join(projectDir, 'electron-builder.config.cjs');
  delete require.cache[file];
  return require(file) as Configuration;
}

/** Derives what the package must hold from the project: its build output, assets, package.json and lock file. */
export function expectationsFor(projectDir: string): Expectations {
  const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { main?: string };
  const lock = JSON.parse(readFileSync(path.join(projectDir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean; peer?: boolean }>;
  };
  const config = loadBuilderConfig(projectDir);
  const projectProblems: string[] = [];
  const required: RequiredFile[] = [{ path: 'package.json', what: 'the app manifest' }];
  const main = pkg.main ?? 'index.js';
  required.push({ path: main, what: 'the main process entry (package.json "main")' });
  if (!existsSync(path.join(projectDir, main))) projectProblems.push(`${main} (package.json "main") does not exist: run the build first`);

  // The worker thread that reads untrusted files (core/worker, started by core/worker/pool.ts beside main).
  const worker = 'out/main/worker.cjs';
  required.push({ path: worker, what: 'the file-reading worker thread (core/worker/entry.ts)' });
  if (!existsSync(path.join(projectDir, worker))) projectProblems.push(`${worker} does not exist: run the build first`);

  const built: [string, string][] = [
    ['out/main', 'the main process build'],
    ['out/preload', 'the preload build'],
    ['out/renderer', 'the renderer build'],
  ];
  for (const [dir, what] of built) {
    const files = filesUnder(projectDir, dir).filter(f => !f.endsWith('.map'));
    if (files.length === 0) projectProblems.push(`${dir}/ is empty or missing: run the build first`);
    for (const f of files) if (f !== main && f !== worker) required.push({ path: f, what });
  }
  if (!existsSync(path.join(projectDir, 'out/renderer/index.html'))) {
    projectProblems.push('out/renderer/index.html does not exist: run `vite build` first');
  }
  const fonts = filesUnder(projectDir, 'assets/fonts');
  if (!fonts.some(f => /\.(ttf|otf)$/i.test(f))) projectProblems.push('assets/fonts/ holds no font file');
  for (const f of fonts) required.push({ path: f, what: /\.(ttf|otf)$/i.test(f) ? 'a PDF font' : 'a font file (licence)' });
  required.push({ path: 'assets/sample-report.json', what: 'the built-in sample report' });

  const prod = new Set<string>();
  const dev = new Set<string>();
  for (const [key, info] of Object.entries(lock.packages)) {
    if (key === '' || !key.includes('node_modules/')) continue;
    const name = packageNameOfLockKey(key);
    if (info.dev) dev.add(name);
    else if (!info.optional && !info.devOptional && !info.peer) prod.add(name);
  }
  const devOnlyPackages = new Set([...dev].filter(n => !prod.has(n)));
  return {
    required,
    productionPackages: [...prod].sort(),
    devOnlyPackages,
    executableName: config.executableName ?? 'bao-cao-766',
    projectProblems,
  };
}

/** Lists the files of an asar archive from its header (directories left out), with forward slashes. */
export function listAsar(archive: string): string[] {
  const { header } = asar.getRawHeader(archive);
  const out: string[] = [];
  type Node = { files?: Record<string, Node> };
  const walk = (node: Node, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const p = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, p);
      else out.push(p);
    }
  };
  walk(header as Node, '');
  return out.sort();
}

/** Reads a packaged app folder: the files of resources/app.asar and the files around it. */
export function readPackage(appOutDir: string): PackageContents {
  const archive = path.join(appOutDir, 'resources', 'app.asar');
  const asarFiles = existsSync(archive) ? listAsar(archive) : [];
  const imports: Record<string, string[]> = {};
  for (const f of asarFiles) {
    if (/^out\/(main|preload)\/.*\.[cm]?js$/.test(f)) imports[f] = bareImports(asar.extractFile(archive, f).toString('utf8'));
  }
  return { appOutDir, asarFiles, outsideFiles: filesUnder(appOutDir, '.'), imports };
}

/** The bare specifiers of the static imports, dynamic imports and require calls of a script (relative ones left out). */
export function bareImports(code: string): string[] {
  const found = new Set<string>();
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\(\s*|\bimport\s+)["']([^"'./][^"']*)["']/g;
  for (const m of code.matchAll(re)) found.add(m[1]!);
  return [...found].sort();
}

/** The package a bare specifier names ("@scope/name/sub" → "@scope/name"), or null for Node builtins. */
function packageOfSpecifier(spec: string): string | null {
  if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!)) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const TEST_DIR = /(^|\/)(test|tests|__tests__|__mocks__)\//;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
const TS_SOURCE = /\.(ts|tsx|mts|cts)$/;
/** Top-level entries of the archive that belong to the app; anything else is a project file that leaked in. */
const APP_ROOTS = [/^package\.json$/, /^out\/(main|preload|renderer)\//, /^assets\/fonts\//, /^assets\/sample-report\.json$/, /^node_modules\//];

/**
 * Checks a packaged app against the expectations. Returns one English line per problem (empty when the package is
 * right): what is missing or what must not be there, and where.
 */
export function checkPackage(contents: PackageContents, exp: Expectations): string[] {
  const problems: string[] = [];
  const outside = new Set(contents.outsideFiles);
  if (!outside.has('resources/app.asar')) {
    problems.push('resources/app.asar is missing: the app is not packaged as an asar archive');
  }
  if (!outside.has(exp.executableName) && !outside.has(`${exp.executableName}.exe`)) {
    problems.push(`the executable ${exp.executableName} is missing from the app folder`);
  }
  for (const f of contents.outsideFiles) {
    if (f.startsWith('resources/') && f !== 'resources/app.asar' && !f.startsWith('resources/app.asar.unpacked/')) {
      problems.push(`unexpected file next to the archive: ${f}`);
    }
  }

  const files = new Set(contents.asarFiles);
  for (const r of exp.required) {
    if (!files.has(r.path)) problems.push(`missing: ${r.path} (${r.what})`);
  }

  const present = new Set<string>();
  for (const f of contents.asarFiles) {
    for (const m of f.matchAll(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//g)) present.add(m[1]!);
  }
  for (const name of exp.productionPackages) {
    if (!present.has(name)) problems.push(`missing: node_modules/${name} (a production dependency)`);
  }
  for (const [file, specs] of Object.entries(contents.imports)) {
    for (const spec of specs) {
      const name = packageOfSpecifier(spec);
      if (name !== null && name !== 'electron' && !present.has(name)) {
        problems.push(`${file} imports ${spec}, which is not in the package`);
      }
    }
  }
  for (const name of [...present].sort()) {
    if (exp.devOnlyPackages.has(name)) problems.push(`must not be packaged: node_modules/${name} (a development-only dependency)`);
  }

  for (const f of contents.asarFiles) {
    if (f.endsWith('.map')) problems.push(`must not be packaged: ${f} (a source map)`);
    else if (TEST_DIR.test(f) || TEST_FILE.test(f)) problems.push(`must not be packaged: ${f} (a test file)`);
    else if (TS_SOURCE.test(f)) problems.push(`must not be packaged: ${f} (TypeScript source or declarations)`);
    else if (f.endsWith('.node')) problems.push(`must not be packaged: ${f} (a native module, which would need a rebuild for Electron)`);
    else if (!APP_ROOTS.some(re => re.test(f))) problems.push(`must not be packaged: ${f} (not part of the app)`);
  }
  return problems;
}

/** electron-builder's electronFuses keys, in the order of Electron's fuse wire (FuseV1Options). */
export const FUSE_WIRE_ORDER = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

/**
 * The fuses every release must set: no Node mode, options or inspector; cookies encrypted; no extra file: rights;
 * the app loaded only from app.asar and only when the archive matches the integrity hash embedded in the executable.
 */
export const PRODUCTION_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

/** One line per production fuse the builder config does not set as required (or asar integrity switched off). */
export function fuseConfigProblems(config: Configuration): string[] {
  const fuses = (config.electronFuses ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, want] of Object.entries(PRODUCTION_FUSES)) {
    if (fuses[key] !== want) problems.push(`electronFuses.${key} must be ${want} in electron-builder.config.cjs (is ${String(fuses[key])})`);
  }
  if ((config as { disableAsarIntegrity?: unknown }).disableAsarIntegrity === true) {
    problems.push('disableAsarIntegrity must not be set: enableEmbeddedAsarIntegrityValidation needs the embedded hash');
  }
  if (config.asar === false) problems.push('asar must be on: onlyLoadAppFromAsar loads the app from app.asar only');
  return problems;
}

/** The marker before Electron's fuse wire (@electron/fuses SENTINEL). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse states as stored in the wire: ASCII '0' off, '1' on, 'r' removed. */
const FUSE_OFF = 48;
const FUSE_ON = 49;

/**
 * Reads the fuse wire of an Electron executable and compares it with the configured fuses. Returns one line per
 * fuse that is not as configured (or a line saying the executable carries no fuse wire).
 */
export async function checkFuses(executable: string, wanted: NonNullable<Configuration['electronFuses']>): Promise<string[]> {
  const { getCurrentFuseWire } = await import('@electron/fuses');
  let wire: Record<number, number>;
  try {
    wire = (await getCurrentFuseWire(executable)) as unknown as Record<number, number>;
  } catch (err) {
    return [`cannot read the fuses of ${path.basename(executable)}: ${(err as Error).message}`];
  }
  const problems: string[] = [];
  FUSE_WIRE_ORDER.forEach((key, index) => {
    const want = (wanted as Record<string, unknown>)[key];
    if (typeof want !== 'boolean') return;
    const state = wire[index];
    const actual = state === FUSE_ON ? 'on' : state === FUSE_OFF ? 'off' : state === undefined ? 'absent' : `state ${state}`;
    if (actual !== (want ? 'on' : 'off')) problems.push(`fuse ${key} is ${actual} in ${path.basename(executable)}, configured ${want ? 'on' : 'off'}`);
  });
  return problems;
}

/**
 * Makes a stand-in for the unpacked Electron distribution of Linux: what electron-builder copies and renames
 * (the `electron` executable, locales, licences, chrome-sandbox), with a script instead of the real binary.
 */
export async function makeStandInElectron(dir: string): Promise<string> {
  await fs.mkdir(path.join(dir, 'locales'), { recursive: true });
  await fs.mkdir(path.join(dir, 'resources'), { recursive: true });
  const exe = path.join(dir, 'electron');
  // Electron 45's fuse wire with its default states, so the fuses of a package can be read (and flipped) as in the
  // real binary: sentinel, wire version 1, 8 fuses, ASCII '1' on / '0' off.
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')]);
  await fs.writeFile(
    exe,
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in Electron of scripts/package-check.ts: not runnable" >&2\nexit 1\n# '),
      wire,
      Buffer.from('\n'),
    ]),
  );
  await fs.chmod(exe, 0o755);
  await fs.writeFile(path.join(dir, 'chrome-sandbox'), '');
  await fs.writeFile(path.join(dir, 'LICENSE'), 'Stand-in for the Electron licence.\n');
  await fs.writeFile(path.join(dir, 'LICENSES.chromium.html'), '<p>Stand-in for the Chromium licences.</p>\n');
  for (const l of STAND_IN_LOCALES) await fs.writeFile(path.join(dir, 'locales', l), '');
  await fs.writeFile(path.join(dir, 'resources.pak'), '');
  return dir;
}

export interface BuildPackageOptions {
  projectDir: string;
  /** A scratch folder: the stand-in Electron and electron-builder's output go there. */
  workDir: string;
  /** Overrides merged over electron-builder.config.cjs (tests use this to leave files out). */
  overrides?: Partial<Configuration>;
}

/** Packages the project into `<workDir>/dist/linux-unpacked` with the stand-in Electron; returns that folder. */
export async function buildPackage(opts: BuildPackageOptions): Promise<string> {
  const { build, Platform, Arch } = await import('electron-builder');
  const base = loadBuilderConfig(opts.projectDir);
  const electronDist = await makeStandInElectron(path.join(opts.workDir, 'stand-in-electron'));
  const output = path.join(opts.workDir, 'dist');
  const config: Configuration = {
    ...base,
    electronDist,
    // Fuses are flipped in the real Electron binary only; the stand-in is a shell script.
    electronFuses: null,
    npmRebuild: false,
    nodeGypRebuild: false,
    buildDependenciesFromSource: false,
    directories: { ...base.directories, output },
    publish: null,
    ...opts.overrides,
  };
  await build({
    projectDir: opts.projectDir,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    config,
    publish: 'never',
  });
  const appOutDir = path.join(output, 'linux-unpacked');
  if (!existsSync(appOutDir)) throw new Error(`electron-builder produced no ${appOutDir}`);
  return appOutDir;
}

/** Builds the app the way `npm run build` does: the Electron side with esbuild, the renderer with Vite. */
export function runAppBuild(projectDir: string): void {
  const bin = (name: string) => path.join(projectDir, 'node_modules', '.bin', name);
  const steps: [string, string[]][] = [
    [bin('tsx'), ['scripts/build-electron.ts']],
    [bin('vite'), ['build']],
  ];
  if (!existsSync(path.join(projectDir, 'scripts/build-electron.ts'))) {
    throw new Error('scripts/build-electron.ts does not exist yet: cannot build the Electron side');
  }
  for (const [cmd, args] of steps) {
    console.log(`package-check: ${path.basename(cmd)} ${args.join(' ')}`);
    const r = spawnSync(cmd, args, { cwd: projectDir, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  }
}

/** Size of the package for the summary line: files in the archive and its size in MB. */
function describe(contents: PackageContents): string {
  const archive = path.join(contents.appOutDir, 'resources', 'app.asar');
  if (!existsSync(archive)) return 'no app.asar';
  const size = statSync(archive).size;
  return `${contents.asarFiles.length} files in app.asar (${(size / 1e6).toFixed(1)} MB)`;
}

/** Prints the problems (or the summary) and returns the exit code. */
function report(where: string, problems: string[], summary: string): number {
  if (problems.length > 0) {
    console.error(`package-check: FAILED, ${problems.length} problem(s) in ${where}:`);
    for (const p of problems) console.error(`  - ${p}`);
    return 1;
  }
  console.log(`package-check: OK: ${summary}`);
  return 0;
}

/**
 * Checks a package electron-builder already made (Windows or Linux): its contents as checkPackage does, and the
 * fuses of its executable against electronFuses of the config. Returns the problems and a one-line summary.
 */
export async function inspectPackage(projectDir: string, appOutDir: string): Promise<{ problems: string[]; summary: string }> {
  const exp = expectationsFor(projectDir);
  const contents = readPackage(appOutDir);
  const config = loadBuilderConfig(projectDir);
  const problems = [...exp.projectProblems, ...fuseConfigProblems(config), ...checkPackage(contents, exp)];
  const fuses = config.electronFuses;
  const exe = [`${exp.executableName}.exe`, exp.executableName].map(n => path.join(appOutDir, n)).find(p => existsSync(p));
  if (fuses && exe) problems.push(...(await checkFuses(exe, fuses)));
  const fuseNote = fuses ? `fuses of ${exe ? path.basename(exe) : '?'} as configured` : 'no fuses configured';
  return { problems, summary: `${describe(contents)}; ${fuseNote}` };
}

async function inspect(projectDir: string, appOutDir: string): Promise<number> {
  const { problems, summary } = await inspectPackage(projectDir, appOutDir);
  return report(appOutDir, problems, summary);
}

async function main(argv: string[]): Promise<number> {
  const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const skipBuild = argv.includes('--skip-build');
  const keep = argv.includes('--keep');
  const inspectAt = argv.indexOf('--inspect');
  const inspectDir = inspectAt >= 0 ? argv[inspectAt + 1] : undefined;
  const inspectArgs = inspectAt >= 0 ? [inspectAt, inspectAt + 1] : [];
  const unknown = argv.filter((a, i) => a !== '--skip-build' && a !== '--keep' && !inspectArgs.includes(i));
  if (unknown.length > 0 || (inspectAt >= 0 && !inspectDir)) {
    console.error('package-check: usage: package-check.ts [--skip-build] [--keep] | --inspect APP_DIR');
    return 2;
  }
  if (inspectDir) return inspect(projectDir, path.resolve(inspectDir));
  if (!skipBuild) runAppBuild(projectDir);
  const exp = expectationsFor(projectDir);
  if (exp.projectProblems.length > 0) {
    console.error('package-check: nothing to package yet:');
    for (const p of exp.projectProblems) console.error(`  - ${p}`);
    return 1;
  }
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bao-cao-766-package-check-'));
  try {
    const appOutDir = await buildPackage({ projectDir, workDir });
    const contents = readPackage(appOutDir);
    const problems = [...fuseConfigProblems(loadBuilderConfig(projectDir)), ...checkPackage(contents, exp)];
    const gone = STAND_IN_LOCALES.filter(l => !existsSync(path.join(appOutDir, 'locales', l)));
    return report(
      appOutDir,
      problems,
      `${describe(contents)}; ${exp.required.length} required files and ${exp.productionPackages.length} production ` +
        `packages present; no tests, source maps, sources or dev packages; locales removed: ${gone.join(', ') || 'none'}`,
    );
  } finally {
    if (keep) console.log(`package-check: kept ${workDir}`);
    else await fs.rm(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    code => process.exit(code),
    (err: unknown) => {
      console.error(`package-check: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
