// The layer rules of the project, checked over the TypeScript import graph (type imports included):
//   - core/ imports neither electron, react nor anything of the DOM (and tsconfig.node.json, which type-checks core,
//     has no DOM lib);
//   - renderer/ reaches only the browser-safe part of core: no core file it imports may lead, through any chain of
//     imports, to a Node built-in or a Node-only package (the "Node-only" core files are listed by `--list`);
//   - electron/ imports only core/api, core/files/errors and the settings types (core/library/settings, type-only);
//   - no import circle between the folders of core (core/library -> core/api -> core/library), nor between files.
// `npx tsx scripts/boundaries.ts` prints the violations (exit 1 when there is one); `--list` also prints the
// Node-only core files. test/unit/boundaries.test.ts runs it in `npm test` and feeds it planted imports.
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** One import written in a file: the text after `from`, whether it carries only types, and where it resolved. */
export interface ImportEdge {
  specifier: string;
  typeOnly: boolean;
  /** Repo-relative path (forward slashes) of the project file it resolves to; undefined for a package. */
  target?: string;
}

/** The import graph: repo-relative file path -> its imports. */
export type ImportGraph = Map<string, ImportEdge[]>;

/** Packages that only run in Node (the renderer must never reach them); Node built-ins are recognised apart. */
export const NODE_ONLY_PACKAGES = ['exceljs', 'yauzl', 'pdfkit', 'electron', 'electron-store', 'conf', 'typescript'];
/** Packages core must never import. */
export const CORE_FORBIDDEN_PACKAGES = ['electron', 'electron-store', 'react', 'react-dom', '@types/react'];
/** What electron/ may import from core: prefixes of repo-relative paths, and files allowed only for their types. */
export const ELECTRON_MAY_IMPORT = ['core/api/', 'core/files/errors.ts'];
export const ELECTRON_MAY_IMPORT_TYPES = ['core/library/settings.ts'];

const LAYERS = ['core', 'renderer', 'electron'];
const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '/index.ts', '/index.tsx'];
const BUILTINS = new Set(builtinModules);

/** The package a bare specifier names (`@scope/pkg/deep` -> `@scope/pkg`), or `node:x` for a built-in. */
export function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return BUILTINS.has(name) ? `node:${name}` : name;
}

function isNodeOnly(specifier: string): boolean {
  const name = packageName(specifier);
  return name.startsWith('node:') || NODE_ONLY_PACKAGES.includes(name);
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** The imports of one source text: static, type-only, re-exports, dynamic `import()` and `/// <reference lib>`. */
export function importsOf(fileName: string, text: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allNamedTypes =
        !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && allNamedTypes));
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteral(expr)) found.push({ specifier: expr.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0]!)) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isImport || isRequire) found.push({ specifier: (node.arguments[0] as ts.StringLiteral).text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const lib of source.libReferenceDirectives) found.push({ specifier: `lib:${lib.fileName.toLowerCase()}`, typeOnly: true });
  return found;
}

function resolveRelative(root: string, fromFile: string, specifier: string): string | undefined {
  const base = resolve(root, dirname(fromFile), specifier.replace(/\?.*$/, ''));
  const stripped = base.replace(/\.(m?js|cjs)$/, '');
  for (const candidate of [base, ...EXTENSIONS.map((e) => stripped + e)]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return toPosix(relative(root, candidate));
  }
  return undefined;
}

function sourceFiles(root: string, folder: string): string[] {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(root, path));
    else if (/\.(ts|tsx|mts|cts)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Reads core/, renderer/ and electron/ under `root` into an import graph. */
export function buildGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const layer of LAYERS) {
    for (const file of sourceFiles(root, layer)) {
      const text = readFileSync(join(root, file), 'utf8');
      graph.set(
        file,
        importsOf(file, text).map(({ specifier, typeOnly }) => ({
          specifier,
          typeOnly,
          target: specifier.startsWith('.') ? resolveRelative(root, file, specifier) : undefined,
        })),
      );
    }
  }
  return graph;
}

/** Core files that lead, through imports that are not type-only, to a Node built-in or a Node-only package. */
export function nodeOnlyFiles(graph: ImportGraph): Map<string, string> {
  const why = new Map<string, string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const [file, edges] of graph) {
      if (why.has(file)) continue;
      for (const edge of edges) {
        if (edge.typeOnly) continue;
        const reason = edge.target
          ? why.has(edge.target)
            ? `${edge.target} -> ${why.get(edge.target)}`
            : undefined
          : !edge.specifier.startsWith('.') && !edge.specifier.startsWith('lib:') && isNodeOnly(edge.specifier)
            ? edge.specifier
            : undefined;
        if (reason) {
          why.set(file, reason);
          changed = true;
          break;
        }
      }
    }
  }
  return why;
}

/** The folder of core a file belongs to for the circle rule: `core/api`, `core/library`, ... */
function coreFolder(file: string): string | undefined {
  const parts = file.split('/');
  return parts[0] === 'core' && parts.length > 2 ? `${parts[0]}/${parts[1]}` : undefined;
}

/** Strongly connected components with more than one node (or a self-loop), by Tarjan's algorithm. */
export function circles(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges.get(v)?.has(v)) found.push(component.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!indexOf.has(v)) connect(v);
  return found;
}

/** Every broken rule, one readable line each (empty when the layers hold). */
export function checkBoundaries(graph: ImportGraph): string[] {
  const problems: string[] = [];
  const nodeOnly = nodeOnlyFiles(graph);
  const folderEdges = new Map<string, Set<string>>();
  const fileEdges = new Map<string, Set<string>>();

  for (const [file, edges] of graph) {
    const layer = file.split('/')[0];
    for (const edge of edges) {
      const { specifier, target } = edge;
      const bare = !specifier.startsWith('.') && !specifier.startsWith('lib:');
      if (specifier.startsWith('.') && !target && !/\.(css|svg|png|json)(\?|$)/.test(specifier) && !specifier.includes('?')) {
        problems.push(`${file}: import '${specifier}' does not resolve to a file of the project`);
      }
      if (layer === 'core') {
        if (bare && CORE_FORBIDDEN_PACKAGES.includes(packageName(specifier))) {
          problems.push(`${file}: core imports '${specifier}' (core never imports electron, react or the DOM)`);
        }
        if (specifier.startsWith('lib:dom')) problems.push(`${file}: core references the DOM types (${specifier})`);
        if (target && !target.startsWith('core/') && !target.startsWith('assets/')) problems.push(`${file}: core imports ${target} from outside core (only its own files and the data in assets/)`);
        const from = coreFolder(file);
        const to = target ? coreFolder(target) : undefined;
        if (target?.startsWith('core/')) {
          if (!fileEdges.has(file)) fileEdges.set(file, new Set());
          fileEdges.get(file)!.add(target);
        }
        if (from && to && from !== to) {
          if (!folderEdges.has(from)) folderEdges.set(from, new Set());
          folderEdges.get(from)!.add(to);
        }
      } else if (layer === 'renderer') {
        if (bare && isNodeOnly(specifier) && !edge.typeOnly) {
          problems.push(`${file}: the renderer imports the Node-only module '${specifier}'`);
        }
        if (target && nodeOnly.has(target) && !edge.typeOnly) {
          problems.push(`${file}: the renderer imports ${target}, which is Node-only (${target} -> ${nodeOnly.get(target)})`);
        }
        if (target?.startsWith('electron/')) problems.push(`${file}: the renderer imports the shell file ${target}`);
      } else if (layer === 'electron') {
        if (target?.startsWith('core/')) {
          const allowed =
            ELECTRON_MAY_IMPORT.some((p) => target === p || (p.endsWith('/') && target.startsWith(p))) ||
            (ELECTRON_MAY_IMPORT_TYPES.includes(target) && edge.typeOnly);
          if (!allowed) {
            problems.push(
              `${file}: the shell imports ${target}${edge.typeOnly ? ' (types)' : ''}; electron/ may import only core/api, core/files/errors and the settings types`,
            );
          }
        }
        if (target?.startsWith('renderer/')) problems.push(`${file}: the shell imports the renderer file ${target}`);
      }
    }
  }
  for (const circle of circles(folderEdges)) problems.push(`import circle between folders of core: ${circle.join(' <-> ')}`);
  for (const circle of circles(fileEdges)) problems.push(`import circle between files of core: ${circle.join(' <-> ')}`);
  return problems;
}

/** The tsconfig that type-checks core must not give it the DOM types. */
export function checkCoreTsconfig(root: string): string[] {
  const path = join(root, 'tsconfig.node.json');
  const { config, error } = ts.readConfigFile(path, ts.sys.readFile);
  if (error) return [`tsconfig.node.json: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`];
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const problems: string[] = [];
  const libs = (parsed.options.lib ?? []).map((l) => l.toLowerCase());
  if (!parsed.options.lib) problems.push('tsconfig.node.json: no "lib" set, so TypeScript would give core the DOM types');
  if (libs.some((l) => l.includes('dom'))) problems.push(`tsconfig.node.json: "lib" gives core the DOM types (${libs.join(', ')})`);
  const covered = new Set(parsed.fileNames.map((f) => toPosix(relative(root, f))));
  for (const file of sourceFiles(root, 'core')) {
    if (!covered.has(file)) problems.push(`${file}: not type-checked by tsconfig.node.json (the DOM-free config)`);
  }
  if ((parsed.options.types ?? []).some((t) => t.includes('dom') || t.includes('react'))) {
    problems.push('tsconfig.node.json: "types" brings in the DOM or React');
  }
  return problems;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const graph = buildGraph(root);
  const problems = [...checkBoundaries(graph), ...checkCoreTsconfig(root)];
  if (process.argv.includes('--list')) {
    const nodeOnly = nodeOnlyFiles(graph);
    console.log('Node-only core files (the renderer must not import them):');
    for (const file of [...nodeOnly.keys()].filter((f) => f.startsWith('core/')).sort()) console.log(`  ${file}  (${nodeOnly.get(file)})`);
  }
  for (const problem of problems) console.log(problem);
  console.log(problems.length === 0 ? 'Layers hold.' : `${problems.length} boundary problem(s).`);
  process.exit(problems.length === 0 ? 0 : 1);
}
