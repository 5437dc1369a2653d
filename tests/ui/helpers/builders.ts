import {
  addComponent,
  addDataFlow,
  addTrustBoundary,
  createEmptyDocument,
  type ThreatModelDocument,
} from '../../../src/core/index';

/** A user talking to an inference API inside a cloud boundary, over a plain-text flow. */
export function apiModel(): ThreatModelDocument {
  let doc = createEmptyDocument('Chat service');
  doc = addTrustBoundary(doc, {
    id: 'tb-cloud',
    label: 'Cloud',
    zone: 'internal',
    position: { x: 300, y: 0 },
    size: { width: 400, height: 300 },
  });
  doc = addComponent(doc, { id: 'c-user', type: 'user', label: 'Customer', position: { x: 0, y: 100 } });
  doc = addComponent(doc, {
    id: 'c-api',
    type: 'inference-api',
    label: 'Chat API',
    boundaryId: 'tb-cloud',
    position: { x: 350, y: 100 },
  });
  doc = addDataFlow(doc, { id: 'f-1', sourceId: 'c-user', targetId: 'c-api', label: 'questions' });
  return doc;
}
