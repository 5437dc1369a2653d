/**
 * The one limits table (src/core/limits.ts): every entry explained, listed in SECURITY.md with its
 * value, and the same as the constants still defined elsewhere. And the rule that keeps the core
 * safe from stack exhaustion: no array is ever spread into a call.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { groupDigits, LIMITS, MAX_JSON_DEPTH, MAX_CONDITION_DEPTH } from '../../src/core/index';
import { MAX_BOUNDARY_DEPTH } from '../../src/core/document/checkReferences';
import * as threatDragon from '../../src/core/interop/threat-dragon/import/limits';

describe('the limits table', () => {
  it.each(Object.entries(LIMITS))('%s says what it bounds and why', (_, limit) => {
    expect(limit.value).toBeGreaterThan(0);
    expect(limit.bounds.length).toBeGreaterThan(10);
    expect(limit.why.length).toBeGreaterThan(10);
  });

  it('SECURITY.md lists every limit with its value', () => {
    const security = readFileSync('SECURITY.md', 'utf8');
    const section = security.slice(security.indexOf('## Limits'));
    expect(section.length).toBeGreaterThan(0);
    for (const [name, limit] of Object.entries(LIMITS))
      expect(section).toMatch(
        new RegExp(`\\| \`${name}\` \\| ${groupDigits(limit.value).replace(/,/g, ',')}( |\\|)`),
      );
  });

  it('the constants defined elsewhere are the table’s values', () => {
    expect(MAX_JSON_DEPTH).toBe(LIMITS.jsonDepth.value);
    expect(MAX_CONDITION_DEPTH).toBe(LIMITS.conditionDepth.value);
    expect(MAX_BOUNDARY_DEPTH).toBe(LIMITS.boundaryDepth.value);
    expect(threatDragon.MAX_CELLS).toBe(LIMITS.threatDragonCells.value);
    expect(threatDragon.MAX_BOXES).toBe(LIMITS.threatDragonBoxes.value);
    expect(threatDragon.MAX_NESTING).toBe(LIMITS.boundaryDepth.value);
    expect(threatDragon.MAX_VERTICES).toBe(LIMITS.threatDragonVertices.value);
    expect(threatDragon.MAX_CROSSING_TESTS).toBe(LIMITS.threatDragonCrossingTests.value);
  });
});

/** `f(...items)` puts every item on the stack and throws past about 100,000 of them. */

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function spreadsIntoCalls(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent)))
      found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no array spread into a call', () => {
  it('in src (core, CLI and UI)', () => {
    const files = sourceFiles('src');
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(spreadsIntoCalls)).toEqual([]);
  });
});
