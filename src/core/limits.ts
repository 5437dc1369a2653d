/**
 * Every limit the tool enforces on untrusted input and on what it writes, in one table: its value,
 * what it bounds and why. Files come from pull requests, colleagues and other tools; each limit
 * keeps the work a file can cause proportionate to its size, so that no file can crash a CI
 * runner, exhaust its memory or stall a reviewer. SECURITY.md ("Limits") lists the same table.
 *
 * Every value is far above what a real model or rule pack needs (the largest shipped example is a
 * few hundred KB), so a refusal means a broken or hostile file, and the message names the limit.
 */

export interface Limit {
  readonly value: number;
  /** What the limit counts, as a message says it ("components in a model"). */
  readonly bounds: string;
  /** Why the limit exists: the harm it prevents. */
  readonly why: string;
}

const MIB = 1024 * 1024;

export const LIMITS = {
  inputBytes: {
    // A pretty-printed 50,000-component model (bench/syntheticModel.ts) is about 36 MB.
    value: 64 * MIB,
    bounds: 'bytes in one input file (model, rule pack, imported file)',
    why: 'every later step is linear in the input; refusing before reading bounds memory and time',
  },
  jsonDepth: {
    value: 64,
    bounds: 'levels of nesting of objects and arrays in any JSON input',
    why: 'validators and reports recurse over structure; deeper input could exhaust the stack',
  },
  reportedProblems: {
    value: 100,
    bounds: 'problems reported by the structural scan of one input (depth, forbidden keys)',
    why: 'a file made of nothing but errors must not make an error list larger than itself',
  },
  components: {
    value: 100_000,
    bounds: 'components in a model',
    why: 'evaluation and reports are linear in elements; this keeps a report within memory',
  },
  dataFlows: {
    value: 200_000,
    bounds: 'data flows in a model',
    why: 'graph facts walk every flow; this bounds evaluation time',
  },
  trustBoundaries: {
    value: 20_000,
    bounds: 'trust boundaries in a model',
    why: 'boundaries nest and are drawn as nested groups; this bounds layout and reports',
  },
  boundaryDepth: {
    value: 32,
    bounds: 'levels of trust boundaries nested inside each other',
    why: 'deeper nesting is never a real architecture and makes layouts and diagrams unreadable',
  },
  userThreats: {
    value: 200_000,
    bounds: 'threats added by hand or imported, in a model',
    why: 'each one becomes a finding in every report',
  },
  triageEntries: {
    value: 200_000,
    bounds: 'triage decisions recorded in a model',
    why: 'each one is matched against the findings and listed when orphaned',
  },
  coordinate: {
    value: 10_000_000,
    bounds: 'absolute value of a position (x or y) on the canvas',
    why: 'an element placed further out cannot be reached or seen on the canvas',
  },
  extent: {
    value: 20_000_000,
    bounds: 'width or height of a trust boundary on the canvas',
    why: 'a box may span every position the coordinate limit allows; a larger one cannot be seen or selected',
  },
  libraryFiles: {
    value: 2_000,
    bounds: 'JSON files in one library folder (`--library DIR`)',
    why: 'each file is read and validated; a folder of many small files must not take more time than one large one',
  },
  libraryEntries: {
    value: 20_000,
    bounds: 'directory entries walked while listing a library folder',
    why: 'a committed tree of empty folders or non-JSON files would otherwise be walked whole before anything is refused',
  },
  libraryBytes: {
    value: 64 * MIB,
    bounds: 'bytes in all files of one library folder together',
    why: 'the per-file limit alone would let 2,000 files of 64 MB each be held in memory',
  },
  libraryRules: {
    value: 50_000,
    bounds: 'rules in a library with all its rule packs',
    why: 'every rule is tried on every element it targets; this bounds evaluation time',
  },
  ruleTypes: {
    value: 500,
    bounds: 'component types one rule names',
    why: 'a library declares at most 500 types; a longer list only repeats them',
  },
  conditionDepth: {
    value: 12,
    bounds: 'levels of all / any / not nesting in one rule condition',
    why: 'conditions are compiled and traced recursively; the depth bounds the stack',
  },
  conditionNodes: {
    value: 1_000,
    bounds: 'all / any / not / fact nodes in one rule condition',
    why: 'a condition is tested on every element; its size bounds the work per element',
  },
  outputBytes: {
    // The full JSON report of a 50,000-component model is about 210 MB (the compact form about 50 MB).
    value: 256 * MIB,
    bounds:
      'bytes in one report or converted file (the CLI counts UTF-8 bytes, the streaming report functions characters)',
    why: 'a report larger than this fills CI disks and cannot be opened; the input is hostile',
  },
  threatDragonCells: {
    value: 20_000,
    bounds: 'cells in all diagrams of an imported Threat Dragon file',
    why: 'import work (layout, crossings) grows with cells',
  },
  threatDragonBoxes: {
    value: 2_000,
    bounds: 'boundary boxes in all diagrams of an imported Threat Dragon file',
    why: 'membership tests cost boxes × nodes',
  },
  threatDragonVertices: {
    value: 1_000,
    bounds: 'vertices kept per edge of an imported Threat Dragon file (longer edges are simplified)',
    why: 'crossing tests cost segments × segments',
  },
  threatDragonCrossingTests: {
    value: 2_000_000,
    bounds: 'bounding-box and segment-pair tests of one Threat Dragon import',
    why: 'bounds the geometry work of an import whatever the file draws',
  },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** A limit as a message names it: `the limit is 100,000 components in a model (limits.components)`. */
export function describeLimit(name: LimitName): string {
  const limit: Limit = LIMITS[name];
  return `the limit is ${groupDigits(limit.value)} ${limit.bounds} (limits.${name})`;
}

/** A count over its limit, as a message: `130,000 userThreats; the limit is 100,000 … (limits.userThreats)`. */
export function overLimitMessage(name: LimitName, actual: number, what: string): string {
  return `${groupDigits(actual)} ${what}: ${describeLimit(name)}`;
}

/** 100000 → "100,000", without locale data (the core must give the same text everywhere). */
export function groupDigits(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

/**
 * Thrown by the streaming report functions when the output would pass LIMITS.outputBytes. It
 * carries a Problem-shaped path and message so a shell can print it like any other refusal.
 */
export class LimitExceededError extends Error {
  readonly limit: LimitName;
  readonly path: string;
  constructor(limit: LimitName, path: string, message: string) {
    super(message);
    this.name = 'LimitExceededError';
    this.limit = limit;
    this.path = path;
  }
}
