/**
 * File text quoted in import notes (KI-2, interop part): notes go to stderr in `aitm convert`, so a
 * line break in a cell's shape could forge a CI workflow command (`::error::`) and an ESC could
 * drive the terminal. Every quoted piece is escaped and cut; Notes escapes whatever is left.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { shippedLibrary } from '../../../src/core/index';
import { importThreatDragon } from '../../../src/core/interop/index';
import { joinList, Notes, quoteList } from '../../../src/core/interop/shared/notes';
import { escapeControls, IdAllocator, quoted, sanitiseQuoted } from '../../../src/core/interop/shared/text';
import { memoryIo } from '../../cli/memoryIo';
import { countCalls } from '../../support/growth';
import { fixture } from './support';

const options = { catalogue: shippedLibrary().catalogue };
/** What must never reach a terminal: C0, DEL, C1, line and paragraph separators, bidi controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const FORGED = '\n::error file=x::forged\u001b[2J\u0085\u2028\u202e';

describe('sanitiseQuoted and escapeControls', () => {
  it('replaces every control character with a visible escape', () => {
    expect(escapeControls('a\nb\r\tc\u0000\u001b[1m\u007f\u0085\u009b\u2028\u2029\u202e\u2066\u200f')).toBe(
      'a\\nb\\r\\tc\\u0000\\u001b[1m\\u007f\\u0085\\u009b\\u2028\\u2029\\u202e\\u2066\\u200f',
    );
    expect(sanitiseQuoted(`hexagon${FORGED}`)).not.toMatch(CONTROL);
    expect(sanitiseQuoted('hexagon\n::error::x')).toBe('hexagon\\n::error::x');
  });

  it('leaves ordinary text alone, other scripts and emoji included', () => {
    expect(sanitiseQuoted('Zone « DMZ » – 日本語 😀 "q" \\n')).toBe('Zone « DMZ » – 日本語 😀 "q" \\n');
  });

  it('cuts to 80 characters by default, ending with …, escapes and surrogate pairs kept whole', () => {
    expect(sanitiseQuoted('x'.repeat(80))).toBe('x'.repeat(80));
    expect(sanitiseQuoted('x'.repeat(81))).toBe(`${'x'.repeat(79)}…`);
    expect(sanitiseQuoted('x'.repeat(100_000), 10)).toHaveLength(10);
    for (let pad = 0; pad < 8; pad++) {
      const escaped = sanitiseQuoted(`${'x'.repeat(pad)}${'\u001b'.repeat(40)}`, 20);
      expect(escaped.length).toBeLessThanOrEqual(20);
      expect(escaped).toMatch(/^x*(?:\\u001b)*…$/);
      const emoji = sanitiseQuoted(`${'x'.repeat(pad)}${'😀'.repeat(40)}`, 20);
      expect(emoji.length).toBeLessThanOrEqual(20);
      expect(emoji).toMatch(/^x*(?:😀)*…$/u);
    }
  });

  it('quoted wraps in double quotes', () => {
    expect(quoted('a\nb')).toBe('"a\\nb"');
  });
});

describe('Notes', () => {
  it('escapes control characters left in any note, and merges repeated items once', () => {
    const notes = new Notes();
    notes.add(`raw ${FORGED}`);
    for (const item of ['a', 'b', 'a']) notes.group('g', (items) => `items: ${items.join(', ')}`, item);
    const list = notes.list();
    expect(list).toEqual([expect.stringMatching(/^raw \\n::error/), 'items: a, b']);
    for (const n of list) expect(n).not.toMatch(CONTROL);
  });

  it('quoteList sanitises and cuts each item; joinList cuts the list', () => {
    expect(quoteList([`a${FORGED}`, 'y'.repeat(100)])).toBe(
      `"a ::error file=x::forged\\u001b[2J\\u0085 \\u202e", "${'y'.repeat(59)}…"`,
    );
    expect(joinList(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });
});

describe('IdAllocator', () => {
  it('numbers clashing ids from 2, skipping taken ones, in linear time', () => {
    const ids = new IdAllocator(['x-3']);
    expect([ids.take('x', 'f'), ids.take('x', 'f'), ids.take('x', 'f'), ids.take('x-2', 'f')]).toEqual([
      'x',
      'x-2',
      'x-4',
      'x-2-2',
    ]);
    const many = Array.from({ length: 50_000 }, () => ids.take('y', 'f'));
    expect(many.at(-1)).toBe('y-50000');
    // Linear, counted rather than timed: the ids tried (one lookup each in the set of ids taken)
    // per id handed out stay the same from 1,000 clashing ids to 4,000. Trying the suffixes from
    // 2 each time, as it once did, tries n²/2 ids: 16 times as many for 4 times the ids.
    const lookups = (n: number) => {
      const fresh = new IdAllocator();
      return countCalls(Set.prototype, 'has', () => {
        for (let i = 0; i < n; i++) fresh.take('z', 'f');
      });
    };
    const [few, more] = [lookups(1000), lookups(4000)];
    expect(few).toBeGreaterThanOrEqual(1000);
    expect(more / few).toBeLessThan(4.5);
  });
});

describe('Threat Dragon import notes quote file text safely', () => {
  type Cell = Record<string, unknown>;
  const demo = () =>
    fixture('threat-dragon/v2-threat-model.json') as {
      summary: Record<string, unknown>;
      detail: { diagrams: { cells: Cell[] }[]; reviewer?: string; contributors?: { name: string }[] };
    };

  it('an unknown shape, labels, ids, statuses, reviewer and contributors', () => {
    const td = demo();
    const cells = td.detail.diagrams[0]!.cells;
    cells.push(
      {
        id: 'w',
        shape: `hexagon${FORGED}`,
        position: { x: 1, y: 1 },
        size: { width: 1, height: 1 },
        data: { type: 'tm.Process', name: 'n' },
      },
      { id: `odd${FORGED}`, shape: `octagon${FORGED}` },
      {
        id: 'box',
        shape: 'trust-boundary-box',
        position: { x: -5000, y: -5000 },
        size: { width: 10, height: 10 },
        data: { name: `Zone${FORGED}` },
      },
      {
        id: 'loose',
        shape: 'flow',
        // Far from every node: ends within 16 px of one are attached to it.
        source: { x: -9000, y: -9000 },
        target: { x: -8995, y: -8995 },
        data: { name: `F${FORGED}` },
      },
    );
    const store = cells.find((c) => c['shape'] === 'store')!;
    store['data'] = {
      ...(store['data'] as object),
      threats: [{ title: 't', status: `Odd${FORGED}`, severity: `Huge${FORGED}` }],
    };
    td.detail.reviewer = `Rev${FORGED}`;
    td.detail.contributors = [{ name: `Con${FORGED}` }];
    const result = importThreatDragon(td, options);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { notes } = result.value;
    for (const note of notes) expect(note).not.toMatch(CONTROL);
    const all = notes.join('\n');
    expect(all).toContain(
      '("hexagon\\n::error file=x::forged\\u001b[2J\\u0085\\u2028\\u202e" as "tm.Process")',
    );
    expect(all).toContain('("octagon\\n::error');
    expect(all).toContain('"Zone\\n::error');
    expect(all).toContain('("F\\n::error');
    expect(all).toContain('"Odd ::error');
    expect(all).toContain('"Rev\\n::error');
    expect(all).toContain('"Con\\n::error');
  });

  it('a long value is cut in the note', () => {
    const td = demo();
    td.detail.diagrams[0]!.cells.push({ id: 'w', shape: 'h'.repeat(50_000) });
    const result = importThreatDragon(td, options);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const note = result.value.notes.find((n) => n.startsWith('Cells of unknown shapes'))!;
    expect(note).toContain(`"${'h'.repeat(79)}…"`);
    expect(note.length).toBeLessThan(200);
  });

  it('aitm convert prints no forged line on stderr', () => {
    const td = demo();
    td.detail.diagrams[0]!.cells.push({
      id: 'w',
      shape: 'hexagon\n::error file=x::forged',
      position: { x: 1, y: 1 },
      size: { width: 1, height: 1 },
      data: { type: 'tm.Process', name: 'n' },
    });
    const io = memoryIo({ 'td.json': JSON.stringify(td) });
    main(['convert', 'td.json', '--to', 'csv'], io.io);
    const stderr = io.stderr();
    expect(stderr).toContain('"hexagon\\n::error file=x::forged"');
    expect(stderr).not.toMatch(/^::/m);
    expect(stderr.replace(/\n/g, '')).not.toMatch(CONTROL);
  });
});
