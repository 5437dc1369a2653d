import { describe, expect, it } from 'vitest';
import { parseDocumentText, serialiseDocument, shippedLibrary } from '../../../src/core/index';

const messy = `{"triage":{"z@c":{"note":"n","status":"accepted"},"a@c":{"status":"open"}},"dataFlows":[],
"components":[{"props":{"rateLimited":true,"authenticated":false},"label":"API","type":"inference-api","id":"c"}],
"meta":{"owner":"me","title":"T"},"schemaVersion":1,"format":"ai-threat-model","trustBoundaries":[]}`;

describe('serialiseDocument', () => {
  it('writes a stable key order so documents diff well', () => {
    const parsed = parseDocumentText(messy, { catalogue: shippedLibrary().catalogue });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const text = serialiseDocument(parsed.value);
    expect(text.indexOf('"format"')).toBeLessThan(text.indexOf('"schemaVersion"'));
    expect(text.indexOf('"schemaVersion"')).toBeLessThan(text.indexOf('"meta"'));
    expect(text.indexOf('"title"')).toBeLessThan(text.indexOf('"owner"'));
    expect(text.indexOf('"authenticated"')).toBeLessThan(text.indexOf('"rateLimited"'));
    expect(text.indexOf('"a@c"')).toBeLessThan(text.indexOf('"z@c"'));
    expect(text.indexOf('"status": "accepted"')).toBeLessThan(text.indexOf('"note": "n"'));
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('round-trips byte for byte', () => {
    const parsed = parseDocumentText(messy, { catalogue: shippedLibrary().catalogue });
    if (!parsed.ok) throw new Error('invalid');
    const once = serialiseDocument(parsed.value);
    const again = parseDocumentText(once, { catalogue: shippedLibrary().catalogue });
    if (!again.ok) throw new Error('invalid');
    expect(serialiseDocument(again.value)).toBe(once);
  });
});
