// Reading main/ and preload/ as TypeScript syntax trees, for the call-site checks of the security gate.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Source {
  /** Relative to the repository, with forward slashes. */
  file: string;
  tree: ts.SourceFile;
}

export function readSources(...dirs: string[]): Source[] {
  const out: Source[] = [];
  for (const dir of dirs) {
    for (const entry of readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || entry.name.endsWith('.d.ts')) continue;
      const full = path.join(entry.parentPath, entry.name);
      const file = path.relative(ROOT, full).replace(/\\/g, '/');
      out.push({ file, tree: ts.createSourceFile(file, readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true, entry.name.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS) });
    }
  }
  return out;
}

export function visit(node: ts.Node, fn: (node: ts.Node) => void): void {
  fn(node);
  node.forEachChild((child) => visit(child, fn));
}

/** `file:line` of a node, for messages. */
export function where(source: Source, node: ts.Node): string {
  return `${source.file}:${source.tree.getLineAndCharacterOfPosition(node.getStart(source.tree)).line + 1}`;
}

/** The name a call is made through: `f(…)` → f, `a.b.f(…)` → f. */
export function calleeName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** The function (declaration, expression or arrow) a node is inside, if any. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) return n;
  }
  return undefined;
}
