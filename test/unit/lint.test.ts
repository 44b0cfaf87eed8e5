// The lint in `npm test` (eslint.config.js) fails on a broken hooks rule: fixture components linted through the
// ESLint API with the project's own configuration, as if they were files of the renderer.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function errors(code: string, file = 'renderer/components/Planted.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const BOTH = "import { useEffect, useState } from 'react';\n";

describe('lint', () => {
  it('passes a component that keeps the hooks rules', async () => {
    const good = `${BOTH}export function Counter(props: { start: number }): React.JSX.Element {
  const [n, setN] = useState(props.start);
  useEffect(() => setN(props.start), [props.start]);
  return <button onClick={() => setN(n + 1)}>{n}</button>;
}
`;
    expect(await errors(good)).toEqual([]);
  });

  it('fails a hook called conditionally (rules-of-hooks)', async () => {
    const bad = `import { useState } from 'react';
export function Counter(props: { start: number; on: boolean }): React.JSX.Element {
  if (props.on) {
    const [n] = useState(props.start);
    return <b>{n}</b>;
  }
  return <i />;
}
`;
    const found = await errors(bad);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^react-hooks\/rules-of-hooks: React Hook "useState" is called conditionally/);
  });

  it('fails an effect that leaves out what it reads (exhaustive-deps), also in a .ts file of the renderer', async () => {
    const bad = `import { useEffect } from 'react';
export function useEcho(value: string, onEcho: (v: string) => void): void {
  useEffect(() => onEcho(value), [value]);
}
`;
    const found = await errors(bad, 'renderer/state/planted.ts');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^react-hooks\/exhaustive-deps: React Hook useEffect has a missing dependency: 'onEcho'/);
  });

  it('fails a suppression that no longer suppresses anything', async () => {
    const stale = `import { useEffect } from 'react';
export function useEcho(value: string): void {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- nothing left out any more
  useEffect(() => console.log(value), [value]);
}
`;
    const [result] = await eslint.lintText(stale, { filePath: resolve(ROOT, 'renderer/state/planted.ts') });
    expect(result!.messages.map((m) => m.message).join('\n')).toMatch(/Unused eslint-disable directive/);
    expect(result!.errorCount).toBeGreaterThan(0);
  });
});
