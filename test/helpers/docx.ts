// Reading a .docx back in tests: its parts through the app's zip reader (core/xlsx/zip.ts) and its XML as a small element tree (saxes).
import { SaxesParser } from 'saxes';
import { openCheckedZip } from '../../core/xlsx/zip';

export interface XmlEl {
  name: string;
  attrs: Record<string, string>;
  children: XmlEl[];
  /** Text directly inside the element (w:t, w:instrText). */
  text: string;
}

export function parseXml(xml: string): XmlEl {
  const parser = new SaxesParser();
  const root: XmlEl = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlEl[] = [root];
  parser.on('opentag', (tag) => {
    const el: XmlEl = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.write(xml).close();
  return root.children[0]!;
}

/** Every descendant named `name` (document order). */
export function all(el: XmlEl, name: string): XmlEl[] {
  const out: XmlEl[] = [];
  const walk = (e: XmlEl) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export function child(el: XmlEl | undefined, name: string): XmlEl | undefined {
  return el?.children.find((c) => c.name === name);
}

/** The text of an element's w:t runs. */
export function textOf(el: XmlEl): string {
  return all(el, 'w:t')
    .map((t) => t.text)
    .join('');
}

/** The parts of a .docx as text, by name. */
export async function readDocx(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await openCheckedZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { fileName: 'test.docx' });
  const parts = new Map<string, string>();
  try {
    for (const [name, entry] of zip.entries) if (name.endsWith('.xml') || name.endsWith('.rels')) parts.set(name, await zip.readText(entry));
  } finally {
    zip.close();
  }
  return parts;
}

/** word/document.xml of a .docx as a tree. */
export async function docxDocument(bytes: Uint8Array): Promise<{ parts: Map<string, string>; doc: XmlEl; body: XmlEl }> {
  const parts = await readDocx(bytes);
  const doc = parseXml(parts.get('word/document.xml')!);
  return { parts, doc, body: child(doc, 'w:body')! };
}
