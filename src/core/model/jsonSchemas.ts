import { z } from 'zod';
import { DocumentSchema } from './document';
import { LibraryFileSchema } from '../library/libraryFile';

/**
 * JSON Schemas generated from the same zod schemas that validate, so editors can offer completion
 * and the published schema can never drift from the validator (a test compares them with
 * threat-library/schema/).
 */
export function documentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(DocumentSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
}

export function libraryFileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(LibraryFileSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
}
