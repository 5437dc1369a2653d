/**
 * The smoke share of the fuzzing: every target of tests/fuzz/support/targets.ts with a few dozen
 * cases and a fixed seed (set FUZZ_SEED to vary it). `npm run fuzz` runs the same properties with
 * thousands of cases and random seeds.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { fuzzTargets } from './support/targets';

const seed = Number(process.env['FUZZ_SEED'] ?? 20261126);
const targets = await fuzzTargets();

describe('fuzz targets (smoke share)', () => {
  for (const target of targets) {
    it(target.name, () => {
      fc.assert(target.property(), { numRuns: target.testRuns, seed });
    });
  }
});
