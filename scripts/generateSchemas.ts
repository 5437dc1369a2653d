// Writes the JSON Schemas of model documents, library files and the compact JSON report into
// threat-library/schema/.
// `npm run schema` after changing a core schema; a test fails while the files are stale.
import { writeFileSync, mkdirSync } from 'node:fs';
import { compactReportJsonSchema, documentJsonSchema, libraryFileJsonSchema } from '../src/core/index';

mkdirSync('threat-library/schema', { recursive: true });
const write = (name: string, schema: unknown) => {
  writeFileSync(`threat-library/schema/${name}`, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote threat-library/schema/${name}`);
};
write('model.schema.json', documentJsonSchema());
write('library-file.schema.json', libraryFileJsonSchema());
write('report-compact.schema.json', compactReportJsonSchema());
