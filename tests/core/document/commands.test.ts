import { describe, expect, it } from 'vitest';
import {
  addComponent,
  addDataFlow,
  addUserThreat,
  clearTriage,
  copyElements,
  createEmptyDocument,
  duplicateElements,
  fragmentSize,
  moveElements,
  parseDocument,
  pasteElements,
  removeElements,
  removeUserThreat,
  renameDocument,
  setTriage,
  shippedLibrary,
  updateComponent,
  updateDataFlow,
  updateMeta,
  updateTrustBoundary,
  updateUserThreat,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { boundary, model as buildModel, component, flow } from '../../support/modelBuilders';

/** A small model: internet boundary > app boundary; user -> api -> llm. */
const model = (): ThreatModelDocument =>
  buildModel({
    title: 'Test',
    trustBoundaries: [
      boundary('tb-net', 'internet', undefined, {
        label: 'Internet',
        position: { x: 0, y: 0 },
        size: { width: 800, height: 600 },
      }),
      boundary('tb-app', 'internal', 'tb-net', { label: 'App', position: { x: 100, y: 100 } }),
    ],
    components: [
      component('user', 'user', {}, undefined, { label: 'User', position: { x: 10, y: 10 } }),
      component('api', 'inference-api', {}, 'tb-app', { label: 'API', position: { x: 200, y: 200 } }),
      component('llm', 'llm', {}, 'tb-app', { label: 'LLM' }),
    ],
    dataFlows: [
      flow('user', 'api', {}, 'f1', { label: 'asks' }),
      flow('api', 'llm', {}, 'f2', { label: 'prompts' }),
    ],
  });

/** Every command's output must pass the single gate. */
function expectValid(doc: ThreatModelDocument): void {
  const result = parseDocument(JSON.parse(JSON.stringify(doc)), { catalogue: shippedLibrary().catalogue });
  expect(result.ok ? [] : result.problems).toEqual([]);
}

describe('document commands', () => {
  it('never mutate their input and keep untouched objects identical', () => {
    const doc = Object.freeze(model());
    const next = updateComponent(doc, 'api', { label: 'Chat API' });
    expect(next).not.toBe(doc);
    expect(doc.components[1]!.label).toBe('API');
    expect(next.components[1]!.label).toBe('Chat API');
    expect(next.components[0]).toBe(doc.components[0]);
    expect(next.dataFlows).toBe(doc.dataFlows);
    expect(next.trustBoundaries).toBe(doc.trustBoundaries);
  });

  it('return the same document when nothing changes', () => {
    const doc = model();
    expect(updateComponent(doc, 'api', { label: 'API' })).toBe(doc);
    expect(updateComponent(doc, 'missing', { label: 'x' })).toBe(doc);
    expect(updateComponent(doc, 'api', { position: { x: 200, y: 200 } })).toBe(doc);
    expect(renameDocument(doc, 'Test')).toBe(doc);
    expect(removeElements(doc, [])).toBe(doc);
    expect(removeElements(doc, ['nope'])).toBe(doc);
    expect(moveElements(doc, [{ id: 'user', position: { x: 10, y: 10 } }])).toBe(doc);
  });

  it('refuse ids that are already used', () => {
    const doc = model();
    expect(() => addComponent(doc, { id: 'f1', type: 'llm', label: 'x' })).toThrow(/already used/);
    expect(() => addDataFlow(doc, { id: 'f3', sourceId: 'user', targetId: 'ghost', label: '' })).toThrow(
      /existing components/,
    );
  });

  it('updateComponent merges props and removes those set to null', () => {
    let doc = updateComponent(model(), 'api', { props: { authenticated: true, exposure: 'internet' } });
    expect(doc.components[1]!.props).toEqual({ authenticated: true, exposure: 'internet' });
    doc = updateComponent(doc, 'api', { props: { authenticated: null } });
    expect(doc.components[1]!.props).toEqual({ exposure: 'internet' });
    doc = updateComponent(doc, 'api', { props: { exposure: null }, description: 'd' });
    expect(doc.components[1]!.props).toBeUndefined();
    expect(doc.components[1]!.description).toBe('d');
    doc = updateComponent(doc, 'api', { description: '' });
    expect('description' in doc.components[1]!).toBe(false);
    expectValid(doc);
  });

  it('updateComponent sets and clears the boundary, ignoring unknown boundaries', () => {
    let doc = updateComponent(model(), 'user', { boundaryId: 'tb-net' });
    expect(doc.components[0]!.boundaryId).toBe('tb-net');
    doc = updateComponent(doc, 'user', { boundaryId: null });
    expect('boundaryId' in doc.components[0]!).toBe(false);
    expect(updateComponent(doc, 'user', { boundaryId: 'ghost' })).toBe(doc);
  });

  it('updateDataFlow merges flow props', () => {
    let doc = updateDataFlow(model(), 'f1', { props: { encrypted: true, data: ['prompts'] } });
    expect(doc.dataFlows[0]!.props).toEqual({ encrypted: true, data: ['prompts'] });
    doc = updateDataFlow(doc, 'f1', { props: { encrypted: null }, label: 'questions' });
    expect(doc.dataFlows[0]).toEqual({
      id: 'f1',
      sourceId: 'user',
      targetId: 'api',
      label: 'questions',
      props: { data: ['prompts'] },
    });
    expect(updateDataFlow(doc, 'f1', { props: { data: ['prompts'] } })).toBe(doc);
    expectValid(doc);
  });

  it('updateTrustBoundary changes zone, size and parent but never nests a boundary inside itself', () => {
    let doc = updateTrustBoundary(model(), 'tb-app', {
      zone: 'restricted',
      size: { width: 300, height: 200 },
    });
    expect(doc.trustBoundaries[1]).toMatchObject({ zone: 'restricted', size: { width: 300, height: 200 } });
    expect(updateTrustBoundary(doc, 'tb-net', { parentId: 'tb-app' })).toBe(doc);
    expect(updateTrustBoundary(doc, 'tb-net', { parentId: 'tb-net' })).toBe(doc);
    doc = updateTrustBoundary(doc, 'tb-app', { parentId: null });
    expect('parentId' in doc.trustBoundaries[1]!).toBe(false);
    expectValid(doc);
  });

  it('moveElements moves components and boundaries in one step', () => {
    const doc = moveElements(model(), [
      { id: 'llm', position: { x: 5, y: 6 } },
      { id: 'tb-app', position: { x: 7, y: 8 } },
    ]);
    expect(doc.components[2]!.position).toEqual({ x: 5, y: 6 });
    expect(doc.trustBoundaries[1]!.position).toEqual({ x: 7, y: 8 });
  });

  it('removing a component removes its data flows and unplaces its user threats', () => {
    let doc = addUserThreat(model(), {
      id: 't1',
      targetId: 'api',
      title: 'Mine',
      severity: 'high',
      status: 'open',
    });
    doc = setTriage(doc, 'rule.x@api', { status: 'accepted' });
    doc = removeElements(doc, ['api']);
    expect(doc.components.map((c) => c.id)).toEqual(['user', 'llm']);
    expect(doc.dataFlows).toEqual([]);
    expect(doc.userThreats[0]!.targetId).toBeNull();
    expect(doc.triage['rule.x@api']).toEqual({ status: 'accepted' });
    expectValid(doc);
  });

  it('removing a boundary hands its children to its parent', () => {
    const doc = removeElements(model(), ['tb-app']);
    expect(doc.trustBoundaries.map((b) => b.id)).toEqual(['tb-net']);
    expect(doc.components.find((c) => c.id === 'api')!.boundaryId).toBe('tb-net');
    const both = removeElements(model(), ['tb-app', 'tb-net']);
    expect(both.components.find((c) => c.id === 'api')!.boundaryId).toBeNull();
    expectValid(doc);
    expectValid(both);
  });

  it('removing only a flow keeps its components', () => {
    const original = model();
    const doc = removeElements(original, ['f2']);
    expect(doc.dataFlows.map((f) => f.id)).toEqual(['f1']);
    expect(doc.components).toBe(original.components);
  });

  it('setTriage creates, edits and cleans triage', () => {
    let doc = setTriage(model(), 'rule.a@api', { owner: 'Ana' });
    expect(doc.triage['rule.a@api']).toEqual({ status: 'open', owner: 'Ana' });
    doc = setTriage(doc, 'rule.a@api', {
      status: 'mitigated',
      note: 'done',
      mitigations: { 'mitigation.m': 'implemented' },
    });
    expect(doc.triage['rule.a@api']).toEqual({
      status: 'mitigated',
      owner: 'Ana',
      note: 'done',
      mitigations: { 'mitigation.m': 'implemented' },
    });
    doc = setTriage(doc, 'rule.a@api', { owner: '', mitigations: { 'mitigation.m': null } });
    expect(doc.triage['rule.a@api']).toEqual({ status: 'mitigated', note: 'done' });
    expect(setTriage(doc, 'rule.a@api', { status: 'mitigated' })).toBe(doc);
    expectValid(doc);
    doc = clearTriage(doc, 'rule.a@api');
    expect(doc.triage).toEqual({});
  });

  it('user threats are added, updated and removed', () => {
    let doc = addUserThreat(model(), {
      id: 't1',
      targetId: 'f1',
      title: 'Replay',
      severity: 'medium',
      status: 'open',
    });
    doc = updateUserThreat(doc, 't1', {
      status: 'accepted',
      owner: 'Bo',
      mitigations: [{ title: 'Nonce', state: 'planned' }],
    });
    expect(doc.userThreats[0]).toMatchObject({
      status: 'accepted',
      owner: 'Bo',
      mitigations: [{ title: 'Nonce', state: 'planned' }],
    });
    doc = updateUserThreat(doc, 't1', { owner: '' });
    expect('owner' in doc.userThreats[0]!).toBe(false);
    expectValid(doc);
    doc = removeUserThreat(doc, 't1');
    expect(doc.userThreats).toEqual([]);
  });

  it('renameDocument and updateMeta change the metadata', () => {
    let doc = renameDocument(model(), 'Chatbot');
    doc = updateMeta(doc, { owner: 'Team', description: 'x' });
    expect(doc.meta).toEqual({ title: 'Chatbot', owner: 'Team', description: 'x' });
    doc = updateMeta(doc, { owner: '' });
    expect(doc.meta).toEqual({ title: 'Chatbot', description: 'x' });
  });

  it('copy and paste remap ids, keep inner flows and shift positions', () => {
    const doc = model();
    const fragment = copyElements(doc, ['api', 'llm', 'user']);
    expect(fragment.dataFlows.map((f) => f.id)).toEqual(['f1', 'f2']);
    const ids = ['n1', 'n2', 'n3', 'n4', 'n5'];
    expect(fragmentSize(fragment)).toBe(5);
    const pasted = pasteElements(doc, fragment, ids, { x: 10, y: 20 });
    expect(pasted.ids).toEqual(ids);
    const next = pasted.document;
    expect(next.components.slice(3)).toEqual([
      { id: 'n1', type: 'user', label: 'User', position: { x: 20, y: 30 } },
      { id: 'n2', type: 'inference-api', label: 'API', boundaryId: 'tb-app', position: { x: 210, y: 220 } },
      { id: 'n3', type: 'llm', label: 'LLM', boundaryId: 'tb-app' },
    ]);
    expect(next.dataFlows.slice(2).map((f) => [f.id, f.sourceId, f.targetId])).toEqual([
      ['n4', 'n1', 'n2'],
      ['n5', 'n2', 'n3'],
    ]);
    expectValid(next);
    expect(() => pasteElements(doc, fragment, ['api', 'x', 'y', 'z', 'w'])).toThrow(/already used/);
    expect(() => pasteElements(doc, fragment, ['a'])).toThrow(/needs 5/);
  });

  it('duplicating a boundary brings its nested boundaries and components', () => {
    const doc = model();
    const { document: next, ids } = duplicateElements(doc, ['tb-app'], ['b2', 'c2', 'c3', 'f9']);
    expect(ids).toEqual(['b2', 'c2', 'c3', 'f9']);
    expect(next.trustBoundaries[2]).toMatchObject({
      id: 'b2',
      parentId: 'tb-net',
      position: { x: 132, y: 132 },
    });
    expect(next.components.slice(3).map((c) => c.boundaryId)).toEqual(['b2', 'b2']);
    expect(next.dataFlows[2]).toMatchObject({ id: 'f9', sourceId: 'c2', targetId: 'c3' });
    expectValid(next);
  });

  it('pasting into a document without the original boundary drops the reference', () => {
    const fragment = copyElements(model(), ['api']);
    const { document } = pasteElements(createEmptyDocument(), fragment, ['x1']);
    expect(document.components[0]!.boundaryId).toBeNull();
    expectValid(document);
  });
});
