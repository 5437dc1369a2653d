import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/core/interop/index';
import { fixture } from './support';

describe('detectFormat', () => {
  it.each([
    ['threat-dragon/v2-threat-model.json', 'threat-dragon-v2'],
    ['threat-dragon/three-tier-web-app.json', 'threat-dragon-v2'],
    ['threat-dragon/v2-new-model.json', 'threat-dragon-v2'],
    // Malformed, but recognisably Threat Dragon: the importer then says what is wrong.
    ['threat-dragon/v2-malformed-new-model.json', 'threat-dragon-v2'],
    ['threat-composer/GenAIChatbot.tc.json', 'threat-composer'],
    ['threat-composer/ThreatModelingForBuilders-Exercise1.tc.json', 'threat-composer'],
    ['otm/otm-example.json', 'otm'],
    ['otm/mobile-cloud.otm.json', 'otm'],
    ['tm-bom/huskyai.tmbom.json', 'tm-bom'],
    ['tm-bom/tmbom-otm-example.cdx.json', 'tm-bom'],
  ])('%s is %s', (file, format) => {
    expect(detectFormat(fixture(file))).toBe(format);
  });

  it.each([
    [{ format: 'ai-threat-model', schemaVersion: 1, meta: { title: 't' } }, 'aitm'],
    [{ summary: { title: 'x' }, detail: { diagrams: [{ diagramJson: { cells: [] } }] } }, 'threat-dragon-v1'],
    [{ schema: 1 }, 'threat-composer'],
    [{ schema: 1, threats: [] }, 'threat-composer'],
    [{ schema: 1, somethingElse: true }, 'unknown'],
    [{ format: 'other' }, 'unknown'],
    [[], 'unknown'],
    [null, 'unknown'],
    ['text', 'unknown'],
    [42, 'unknown'],
    [{ summary: 'x', detail: {} }, 'unknown'],
    [{ otmVersion: null }, 'otm'],
    [{ scope: {}, trust_zones: [] }, 'tm-bom'],
    [{ bomFormat: 'CycloneDX', components: [{ type: 'library' }] }, 'unknown'],
  ])('%j is %s', (value, format) => {
    expect(detectFormat(value)).toBe(format);
  });
});
