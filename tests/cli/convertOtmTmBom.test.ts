import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConvert } from '../../src/cli/convertCommand';
import { memoryIo } from './memoryIo';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures');
const read = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const schema = (path: string) => JSON.parse(read(path)) as object;
const otmAjv = new Ajv({ strict: false });
addFormats(otmAjv);
const validOtm = otmAjv.compile(schema('schemas/otm_schema.json'));
const tmAjv = new Ajv2020({ strict: false });
addFormats(tmAjv);
const validTmBom = tmAjv.compile(schema('schemas/tm-bom-threat-model.schema.json'));

const FILES = {
  'example.otm.json': read('otm/otm-example.json'),
  'bom.otm.json': `\ufeff${read('otm/mobile-cloud.otm.json')}`,
  'husky.tmbom.json': read('tm-bom/huskyai.tmbom.json'),
  'example.cdx.json': read('tm-bom/tmbom-otm-example.cdx.json'),
  'dup.otm.json': '{"otmVersion": "0.2.0", "otmVersion": "0.1.0", "project": {"name": "p", "id": "p"}}',
  'model.aitm.json': read('../../examples/public-rag-chatbot.aitm.json'),
};

function run(args: string[]) {
  const m = memoryIo(FILES);
  const code = runConvert(args, m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr() };
}

describe('aitm convert with OTM and TM-BOM', () => {
  for (const input of [
    'example.otm.json',
    'bom.otm.json',
    'husky.tmbom.json',
    'example.cdx.json',
    'model.aitm.json',
  ]) {
    it(`converts ${input} to OTM and to TM-BOM, both valid against their schemas`, () => {
      const otm = run([input, '--to', 'otm']);
      expect(otm.code, otm.stderr).toBe(0);
      expect(validOtm(JSON.parse(otm.stdout)), JSON.stringify(validOtm.errors?.slice(0, 3))).toBe(true);
      const tm = run([input, '--to', 'tm-bom']);
      expect(tm.code, tm.stderr).toBe(0);
      expect(validTmBom(JSON.parse(tm.stdout)), JSON.stringify(validTmBom.errors?.slice(0, 3))).toBe(true);
    });
  }

  it('names the format it read, and prints its notes', () => {
    const m = memoryIo(FILES);
    expect(runConvert(['husky.tmbom.json', '--to', 'aitm', '--out', 'out.aitm.json'], m.io)).toBe(0);
    expect(m.stderr()).toContain('(TM-BOM (OWASP Threat Model Library))');
    expect(m.stderr()).toContain('note:');
    const o = memoryIo(FILES);
    expect(runConvert(['example.otm.json', '--to', 'aitm', '--out', 'out.aitm.json'], o.io)).toBe(0);
    expect(o.stderr()).toContain('(Open Threat Model (OTM))');
  });

  it('refuses duplicate keys with the path, exit 2', () => {
    const r = run(['dup.otm.json', '--to', 'aitm']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/dup\.otm\.json.*otmVersion/);
  });
});
