// The layer rules hold on the project itself, and the checker catches an import planted where it must not be (in a
// copy of the project's source folders, so the tree the other tests read is never touched).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildGraph, checkBoundaries, checkCoreTsconfig, nodeOnlyFiles, type ImportGraph } from '../../scripts/boundaries';

const ROOT = resolve(__dirname, '../..');

/** A copy of core/, renderer/, electron/, assets/ and tsconfig.node.json in a temporary folder. */
function copyOfProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bc766-layers-'));
  for (const part of ['core', 'renderer', 'electron', 'assets']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  for (const file of ['tsconfig.base.json', 'tsconfig.node.json']) cpSync(join(ROOT, file), join(dir, file));
  return dir;
}

describe('layer boundaries', () => {
  const copies: string[] = [];
  afterAll(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  it('hold on the project: no problem in core, renderer or electron, and core is type-checked without the DOM', () => {
    const graph = buildGraph(ROOT);
    expect(graph.size).toBeGreaterThan(100);
    expect(checkBoundaries(graph)).toEqual([]);
    expect(checkCoreTsconfig(ROOT)).toEqual([]);
    // The Node-only readers the renderer must not reach are recognised as such.
    const nodeOnly = nodeOnlyFiles(graph);
    for (const file of ['core/xlsx/read.ts', 'core/xlsx/stream.ts', 'core/xlsx/write.ts', 'core/library/library.ts', 'core/pdf/render.ts', 'core/files/atomic.ts']) {
      expect(nodeOnly.has(file), file).toBe(true);
    }
    // ...and the browser-safe parts the renderer uses are not.
    for (const file of ['core/model/schema.ts', 'core/text/numbers.ts', 'core/xlsx/paste.ts', 'core/api/contract.ts', 'core/rules/index.ts']) {
      expect(nodeOnly.has(file), file).toBe(false);
    }
  });

  it('catch planted imports written into a copy of the project', () => {
    const dir = copyOfProject();
    copies.push(dir);
    writeFileSync(join(dir, 'core/model/planted.ts'), "import { app } from 'electron';\nexport const x = app;\n");
    writeFileSync(join(dir, 'core/text/planted-react.ts'), "import type { ReactNode } from 'react';\nexport type Y = ReactNode;\n");
    writeFileSync(join(dir, 'core/text/planted-dom.ts'), '/// <reference lib="dom" />\nexport const z = 1;\n');
    writeFileSync(join(dir, 'renderer/planted.ts'), "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    writeFileSync(join(dir, 'renderer/planted-reader.ts'), "import { readSpreadsheetFile } from '../core/xlsx/read';\nexport const r = readSpreadsheetFile;\n");
    writeFileSync(join(dir, 'electron/planted.ts'), "import { aggregate } from '../core/dossiers/aggregate';\nexport const a = aggregate;\n");
    writeFileSync(join(dir, 'core/library/planted-circle.ts'), "import type { AppInfo } from '../api/contract';\nexport type A = AppInfo;\n");
    writeFileSync(join(dir, 'core/xlsx/planted-a.ts'), "import { b } from './planted-b';\nexport const a = () => b;\n");
    writeFileSync(join(dir, 'core/xlsx/planted-b.ts'), "import { a } from './planted-a';\nexport const b = () => a;\n");

    const problems = checkBoundaries(buildGraph(dir)).join('\n');
    expect(problems).toContain("core/model/planted.ts: core imports 'electron'");
    expect(problems).toContain("core/text/planted-react.ts: core imports 'react'");
    expect(problems).toContain('core/text/planted-dom.ts: core references the DOM types');
    expect(problems).toContain("renderer/planted.ts: the renderer imports the Node-only module 'node:fs'");
    expect(problems).toMatch(/renderer\/planted-reader\.ts: the renderer imports core\/xlsx\/read\.ts, which is Node-only/);
    expect(problems).toContain('electron/planted.ts: the shell imports core/dossiers/aggregate.ts');
    expect(problems).toMatch(/import circle between folders of core: .*core\/api.*core\/library/);
    expect(problems).toContain('import circle between files of core: core/xlsx/planted-a.ts <-> core/xlsx/planted-b.ts');
  });

  it('catch a DOM lib given to core by its tsconfig', () => {
    const dir = copyOfProject();
    copies.push(dir);
    writeFileSync(
      join(dir, 'tsconfig.node.json'),
      JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { lib: ['ES2023', 'DOM'], types: [] }, include: ['core/**/*.ts'] }),
    );
    expect(checkCoreTsconfig(dir).join('\n')).toContain('"lib" gives core the DOM types');
  });

  it('allow the settings types in the shell only as types, and a Node-only module in the renderer only as a type', () => {
    const graph: ImportGraph = new Map([
      ['electron/a.ts', [{ specifier: '../core/library/settings', typeOnly: true, target: 'core/library/settings.ts' }]],
      ['electron/b.ts', [{ specifier: '../core/library/settings', typeOnly: false, target: 'core/library/settings.ts' }]],
      ['electron/c.ts', [{ specifier: '../core/files/errors', typeOnly: false, target: 'core/files/errors.ts' }]],
      ['core/library/settings.ts', []],
      ['core/files/errors.ts', []],
    ]);
    expect(checkBoundaries(graph)).toEqual([
      'electron/b.ts: the shell imports core/library/settings.ts; electron/ may import only core/api, core/files/errors and the settings types',
    ]);
  });
});
