import type { DataFlow } from './document';

/**
 * The name of a flow by its ends, "Source → Target" — with `withLabel`, followed by ": label"
 * when the flow has one. Every place that names a flow this way (findings, reports, outline,
 * inspector, exports) goes through here so they read the same. `nameOf` gives a component's
 * name; an end it does not name (undefined) shows as its id.
 */
export function flowName(
  flow: Pick<DataFlow, 'sourceId' | 'targetId' | 'label'>,
  nameOf: (componentId: string) => string | undefined,
  options: { withLabel?: boolean } = {},
): string {
  const ends = `${nameOf(flow.sourceId) ?? flow.sourceId} → ${nameOf(flow.targetId) ?? flow.targetId}`;
  return options.withLabel && flow.label ? `${ends}: ${flow.label}` : ends;
}
