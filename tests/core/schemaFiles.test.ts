import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentJsonSchema, libraryFileJsonSchema } from '../../src/core/index';

// The JSON Schemas under threat-library/schema/ are generated (`npm run schema`); this fails while they are stale.
describe('generated JSON Schemas', () => {
  it.each([
    ['model.schema.json', documentJsonSchema],
    ['library-file.schema.json', libraryFileJsonSchema],
  ])('%s is up to date', (file, generate) => {
    const onDisk = JSON.parse(readFileSync(`threat-library/schema/${file}`, 'utf8'));
    expect(onDisk, `threat-library/schema/${file} is stale: run npm run schema`).toEqual(generate());
  });
});
