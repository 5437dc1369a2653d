// What `npm run bench` times, gathered in one entry so that shippedBuild.ts can build it the way
// the app and the CLI ship (one bundle) and the engine and the floor run as the same kind of code.
export {
  createEvaluator,
  evaluate,
  exportMarkdownReport,
  parseDocumentText,
  serialiseDocument,
  shippedLibrary,
} from '../src/core/index';
export type { Finding, ThreatModelDocument } from '../src/core/index';
export { plainFloor } from './engineFloor';
export {
  labelEdit,
  newComponentEdit,
  removeComponentEdit,
  newFlowEdit,
  propertyEdit,
  triageEdit,
  type EditMaker,
} from './incrementalEdits';
export { syntheticModel } from './syntheticModel';
