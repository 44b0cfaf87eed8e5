// Tests the release package check: a real electron-builder package passes, and one with a needed file left out or a forbidden file added fails.
//
// The package is built once, from a scratch copy of the project's packaging inputs (package.json, lock file,
// electron-builder.config.cjs, build/, assets/, node_modules hard-linked) with a small stand-in out/ folder, so the
// test does not depend on (or disturb) the app build other work is writing to out/. Variants are made by
// extracting resources/app.asar, changing it and packing it again.
import * as asar from '@electron/asar';
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import {
  buildPackage,
  checkFuses,
  fuseConfigProblems,
  checkPackage,
  expectationsFor,
  FUSE_WIRE_ORDER,
  inspectPackage,
  loadBuilderConfig,
  readPackage,
  type Expectations,
  type PackageContents,
} from '../../scripts/package-check';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let work: string;
let project: string;
let appOutDir: string;
let exp: Expectations;
let good: PackageContents;

async function write(file: string, text: string) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
}

/** Flips the fuses of an executable as electron-builder does: its electronFuses keys mapped onto FuseV1Options. */
async function flipAsConfigured(exe: string) {
  const wanted = loadBuilderConfig(repo).electronFuses as Record<string, unknown>;
  const config: Record<number, boolean> = {};
  FUSE_WIRE_ORDER.forEach((key, index) => {
    const v = wanted[key];
    if (typeof v === 'boolean') config[index] = v;
  });
  await flipFuses(exe, { version: FuseVersion.V1, ...config });
}

const UNFLIPPED = (exe: string) => [
  `fuse enableCookieEncryption is off in ${exe}, configured on`,
  `fuse enableEmbeddedAsarIntegrityValidation is off in ${exe}, configured on`,
  `fuse enableNodeCliInspectArguments is on in ${exe}, configured off`,
  `fuse enableNodeOptionsEnvironmentVariable is on in ${exe}, configured off`,
  `fuse grantFileProtocolExtraPrivileges is on in ${exe}, configured off`,
  `fuse onlyLoadAppFromAsar is off in ${exe}, configured on`,
  `fuse runAsNode is on in ${exe}, configured off`,
];

/** A copy of the packaged app whose archive was changed by `edit` (run on the extracted archive folder). */
async function variant(name: string, edit: (root: string) => Promise<void>): Promise<PackageContents> {
  const dir = path.join(work, name);
  await fs.cp(appOutDir, dir, { recursive: true, filter: src => src !== path.join(appOutDir, 'resources', 'app.asar') });
  const archive = path.join(dir, 'resources', 'app.asar');
  const extracted = path.join(work, `${name}-extracted`);
  asar.extractAll(path.join(appOutDir, 'resources', 'app.asar'), extracted);
  await edit(extracted);
  await asar.createPackage(extracted, archive);
  return readPackage(dir);
}

describe('package check on a real electron-builder package', () => {
  beforeAll(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'package-check-test-'));
    project = path.join(work, 'project');
    await fs.mkdir(project);
    for (const f of ['package.json', 'package-lock.json', 'electron-builder.config.cjs']) {
      await fs.copyFile(path.join(repo, f), path.join(project, f));
    }
    await fs.cp(path.join(repo, 'build'), path.join(project, 'build'), { recursive: true });
    await fs.cp(path.join(repo, 'assets'), path.join(project, 'assets'), { recursive: true });
    // Hard links: a full copy of node_modules without copying 500 MB (same file system as os.tmpdir() here and in CI).
    const linked = spawnSync('cp', ['-al', path.join(repo, 'node_modules'), path.join(project, 'node_modules')]);
    if (linked.status !== 0) await fs.cp(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), { recursive: true });

    // A stand-in app build, with what a build leaves around that must stay out of the package.
    await write(path.join(project, 'out/main/main.js'), 'require("./chunk.js");\n//# sourceMappingURL=main.js.map\n');
    await write(path.join(project, 'out/main/chunk.js'), 'const ExcelJS = require("exceljs");\nmodule.exports = ExcelJS;\n');
    await write(path.join(project, 'out/main/main.js.map'), '{"version":3}');
    await write(path.join(project, 'out/main/worker.cjs'), '"use strict";\nconst yauzl = require("yauzl");\n');
    await write(path.join(project, 'out/preload/preload.cjs'), '"use strict";\nconst { contextBridge } = require("electron");\n');
    await write(path.join(project, 'out/renderer/index.html'), '<!doctype html><script src="./assets/index-a1.js"></script>\n');
    await write(path.join(project, 'out/renderer/assets/index-a1.js'), 'console.log("ui");\n');
    await write(path.join(project, 'out/renderer/assets/index-a1.css'), 'body{}\n');
    await write(path.join(project, 'out/renderer/assets/index-a1.js.map'), '{"version":3}');
    await write(path.join(project, 'out/cli/cli.cjs'), '"use strict";\n');
    await write(path.join(project, 'test/unit/a.test.ts'), 'export {};\n');
    await write(path.join(project, 'bench/a.ts'), 'export {};\n');
    await write(path.join(project, 'core/model/schema.ts'), 'export {};\n');

    exp = expectationsFor(project);
    appOutDir = await buildPackage({ projectDir: project, workDir: path.join(work, 'package') });
    good = readPackage(appOutDir);
  }, 240_000);

  afterAll(async () => {
    if (work) await fs.rm(work, { recursive: true, force: true });
  });

  it('derives the needed files from the project', () => {
    expect(exp.projectProblems).toEqual([]);
    const paths = exp.required.map(r => r.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'out/main/main.js',
        'out/main/chunk.js',
        'out/main/worker.cjs',
        'out/preload/preload.cjs',
        'out/renderer/index.html',
        'out/renderer/assets/index-a1.js',
        'out/renderer/assets/index-a1.css',
        'assets/fonts/LiberationSerif-Regular.ttf',
        'assets/fonts/LiberationSerif-Bold.ttf',
        'assets/fonts/OFL.txt',
        'assets/sample-report.json',
      ]),
    );
    expect(paths.some(p => p.endsWith('.map'))).toBe(false);
    for (const dep of ['exceljs', 'pdfkit', 'zod', 'electron-store', 'conf', 'saxes', 'yauzl', 'parse5']) {
      expect(exp.productionPackages).toContain(dep);
    }
    for (const dev of ['electron', 'electron-builder', 'vitest', 'vite', 'playwright-core', 'typescript', 'esbuild', 'tsx']) {
      expect(exp.devOnlyPackages.has(dev)).toBe(true);
    }
    // conf is a devDependency of the project but also a dependency of electron-store: it must ship.
    expect(exp.devOnlyPackages.has('conf')).toBe(false);
  });

  it('passes: app, fonts, sample and production dependencies inside; tests, maps, sources and dev packages out', () => {
    expect(checkPackage(good, exp)).toEqual([]);
    expect(good.imports).toEqual({ 'out/main/chunk.js': ['exceljs'], 'out/main/main.js': [], 'out/main/worker.cjs': ['yauzl'], 'out/preload/preload.cjs': ['electron'] });
    const files = new Set(good.asarFiles);
    expect(files.has('out/main/main.js')).toBe(true);
    expect(files.has('assets/fonts/LiberationSerif-Regular.ttf')).toBe(true);
    expect(files.has('node_modules/exceljs/package.json')).toBe(true);
    expect(files.has('node_modules/pdfkit/js/data/Helvetica.afm')).toBe(true);
    expect(good.asarFiles.filter(f => f.endsWith('.map'))).toEqual([]);
    expect(good.asarFiles.filter(f => /^(test|bench|core|out\/cli)\//.test(f))).toEqual([]);
    expect(good.asarFiles.filter(f => /node_modules\/(electron|vitest|vite|typescript)\//.test(f))).toEqual([]);
    // The executable is renamed, and electronLanguages pruned the stand-in's other locales.
    expect(existsSync(path.join(appOutDir, 'BaoCao766'))).toBe(true);
    expect(existsSync(path.join(appOutDir, 'locales', 'vi.pak'))).toBe(true);
    expect(existsSync(path.join(appOutDir, 'locales', 'fr.pak'))).toBe(false);
  });

  it('fails and names each file when needed files are left out or forbidden files are added', async () => {
    const broken = await variant('broken', async root => {
      // Left out: a font, the sample, the preload, a production dependency.
      await fs.rm(path.join(root, 'assets/fonts/LiberationSerif-Bold.ttf'));
      await fs.rm(path.join(root, 'assets/sample-report.json'));
      await fs.rm(path.join(root, 'out/preload'), { recursive: true });
      await fs.rm(path.join(root, 'node_modules/zod'), { recursive: true });
      // Added: a source map, a test, a TypeScript source, a dev package, a project file.
      await write(path.join(root, 'out/renderer/assets/index-a1.js.map'), '{}');
      await write(path.join(root, 'test/unit/model.test.js'), '');
      await write(path.join(root, 'core/model/schema.ts'), '');
      await write(path.join(root, 'node_modules/vitest/package.json'), '{"name":"vitest"}');
      await write(path.join(root, 'README.md'), '# notes\n');
      // The main process imports a package the package lacks (zod, removed above) and builtins (fine).
      await write(path.join(root, 'out/main/chunk.js'), 'import { z } from "zod";\nimport fs from "node:fs";\nrequire("path");\nexport default z;\n');
    });
    expect(broken.asarFiles).not.toContain('assets/fonts/LiberationSerif-Bold.ttf');
    expect(broken.asarFiles).toContain('assets/fonts/LiberationSerif-Regular.ttf');
    expect(checkPackage(broken, exp).sort()).toEqual([
      'missing: assets/fonts/LiberationSerif-Bold.ttf (a PDF font)',
      'missing: assets/sample-report.json (the built-in sample report)',
      'missing: node_modules/zod (a production dependency)',
      'missing: out/preload/preload.cjs (the preload build)',
      'must not be packaged: README.md (not part of the app)',
      'must not be packaged: core/model/schema.ts (TypeScript source or declarations)',
      'must not be packaged: node_modules/vitest (a development-only dependency)',
      'must not be packaged: out/renderer/assets/index-a1.js.map (a source map)',
      'must not be packaged: test/unit/model.test.js (a test file)',
      'out/main/chunk.js imports zod, which is not in the package',
    ]);
  }, 120_000);

  it('inspects a finished package: its contents and the fuses of its executable', async () => {
    const copy = path.join(work, 'inspected');
    await fs.cp(appOutDir, copy, { recursive: true });
    // The package check builds without flipping fuses, so the stand-in still has Electron's defaults.
    expect((await inspectPackage(project, copy)).problems.sort()).toEqual(UNFLIPPED('BaoCao766'));
    await flipAsConfigured(path.join(copy, 'BaoCao766'));
    const after = await inspectPackage(project, copy);
    expect(after.problems).toEqual([]);
    expect(after.summary).toMatch(/^\d+ files in app\.asar \(\d+\.\d MB\); fuses of BaoCao766 as configured$/);
  });

  it('reports a project that was not built before anything is packaged', async () => {
    const bare = path.join(work, 'bare');
    await fs.mkdir(path.join(bare, 'assets/fonts'), { recursive: true });
    for (const f of ['package.json', 'package-lock.json', 'electron-builder.config.cjs']) {
      await fs.copyFile(path.join(repo, f), path.join(bare, f));
    }
    expect(expectationsFor(bare).projectProblems).toEqual([
      'out/main/main.js (package.json "main") does not exist: run the build first',
      'out/main/worker.cjs does not exist: run the build first',
      'out/main/ is empty or missing: run the build first',
      'out/preload/ is empty or missing: run the build first',
      'out/renderer/ is empty or missing: run the build first',
      'out/renderer/index.html does not exist: run `vite build` first',
      'assets/fonts/ holds no font file',
    ]);
  });
});

describe('fuse check of an Electron executable', () => {
  /** A stand-in executable carrying Electron 45's fuse wire with its default states (ASCII 1 = on, 0 = off). */
  async function fakeElectron(dir: string): Promise<string> {
    const file = path.join(dir, 'BaoCao766.exe');
    const defaults = [1, 0, 1, 1, 0, 0, 0, 1].map(b => (b ? 49 : 48));
    await fs.writeFile(
      file,
      Buffer.concat([Buffer.alloc(4096, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8, ...defaults]), Buffer.alloc(512, 7)]),
    );
    return file;
  }

  it('the builder config sets every production fuse, asar integrity included, and a config without one is named', () => {
    const config = loadBuilderConfig(repo);
    expect(fuseConfigProblems(config)).toEqual([]);
    const weakened = {
      ...config,
      disableAsarIntegrity: true,
      electronFuses: { ...config.electronFuses, enableEmbeddedAsarIntegrityValidation: undefined, onlyLoadAppFromAsar: false },
    } as typeof config;
    expect(fuseConfigProblems(weakened)).toEqual([
      'electronFuses.enableEmbeddedAsarIntegrityValidation must be true in electron-builder.config.cjs (is undefined)',
      'electronFuses.onlyLoadAppFromAsar must be true in electron-builder.config.cjs (is false)',
      'disableAsarIntegrity must not be set: enableEmbeddedAsarIntegrityValidation needs the embedded hash',
    ]);
  });

  it('knows the fuse wire order of @electron/fuses', () => {
    FUSE_WIRE_ORDER.forEach((key, index) => {
      const enumName = (key[0]!.toUpperCase() + key.slice(1)) as keyof typeof FuseV1Options;
      expect(FuseV1Options[enumName]).toBe(index);
    });
  });

  it('reports every production fuse an unflipped Electron lacks, and none once they are flipped', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fuse-check-'));
    try {
      const exe = await fakeElectron(dir);
      const wanted = loadBuilderConfig(repo).electronFuses!;
      expect(wanted).toMatchObject({
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        onlyLoadAppFromAsar: true,
        enableEmbeddedAsarIntegrityValidation: true,
        enableCookieEncryption: true,
        grantFileProtocolExtraPrivileges: false,
      });
      expect((await checkFuses(exe, wanted)).sort()).toEqual(UNFLIPPED('BaoCao766.exe'));
      await flipAsConfigured(exe);
      expect(await checkFuses(exe, wanted)).toEqual([]);
      await fs.writeFile(exe, 'not electron');
      expect(await checkFuses(exe, wanted)).toEqual([
        'cannot read the fuses of BaoCao766.exe: Could not find sentinel in the provided Electron binary, fuses are only supported in Electron 12 and higher',
      ]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
