export { diffModels, newlyBlocking, type DiffInput } from './diffModels';
export { renderDiffMarkdown, renderDiffJson, PR_COMMENT_LIMIT } from './diffMarkdown';
export type * from './diffTypes';
