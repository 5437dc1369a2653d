import { describe, expect, it } from 'vitest';
import {
  evaluate,
  moveElements,
  onlyGeometryDiffers,
  renameDocument,
  setTriage,
  shippedLibrary,
  updateComponent,
  updateDataFlow,
  updateTrustBoundary,
} from '../../../src/core/index';
import { apiModel } from '../../support/modelBuilders';

/**
 * The editor keeps a document's findings across changes that only move or resize elements
 * (drag, auto-layout). Each case below is an edit the engine does read, and must count as a change.
 */
const library = shippedLibrary();
const base = apiModel();
const strip = (f: ReturnType<typeof evaluate>[number]) => ({ ...f, trace: undefined, why: f.why });

describe('onlyGeometryDiffers', () => {
  it('is true for moves of components and boundaries and for boundary sizes', () => {
    const moved = moveElements(base, [
      { id: 'c-user', position: { x: 40, y: 40 } },
      { id: 'tb-cloud', position: { x: 320, y: 20 } },
    ]);
    const resized = updateTrustBoundary(moved, 'tb-cloud', { size: { width: 600, height: 400 } });
    expect(onlyGeometryDiffers(base, moved)).toBe(true);
    expect(onlyGeometryDiffers(base, resized)).toBe(true);
    // And the claim it rests on: findings are the same whatever the geometry.
    expect(evaluate(resized, library).map(strip)).toEqual(evaluate(base, library).map(strip));
  });

  it.each([
    ['a component label', updateComponent(base, 'c-api', { label: 'Renamed API' })],
    ['a component property', updateComponent(base, 'c-api', { props: { authenticated: true } })],
    ['a component leaving its boundary', updateComponent(base, 'c-api', { boundaryId: null })],
    ['a component marked out of scope', updateComponent(base, 'c-api', { outOfScope: {} })],
    ['a flow property', updateDataFlow(base, 'f-1', { props: { encrypted: true } })],
    ['a boundary zone', updateTrustBoundary(base, 'tb-cloud', { zone: 'internet' })],
    ['triage', setTriage(base, 'any@c-api', { status: 'accepted' })],
    ['the title', renameDocument(base, 'Another title')],
    ['a removed component', { ...base, components: base.components.slice(1) }],
  ])('is false for %s', (_, changed) => {
    expect(onlyGeometryDiffers(base, changed)).toBe(false);
  });
});
