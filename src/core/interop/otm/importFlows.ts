/** OTM data flows as our flows; a bidirectional one as two, one each way. */
import type { DataFlow } from '../../model/document';
import { quoteList } from '../shared/notes';
import { clamp, nonEmpty, plural } from '../shared/text';
import { isDuplicate, type OtmImport } from './importContext';
import type { ThreatInstances } from './threatInstances';

type Obj = Record<string, unknown>;

export function importFlows(ctx: OtmImport, flows: Obj[], threats: ThreatInstances): void {
  flows.forEach((f, i) => {
    const otmId = f['id'] as string;
    if (isDuplicate(ctx, 'data flow', otmId)) return;
    const path = ['dataflows', i];
    const flow = importFlow(ctx, f, otmId, path);
    if (!flow) return;
    threats.collect(f, path, flow.id);
    if (ctx.r.boolean(f, 'bidirectional', path) === true) addReverse(ctx, flow, otmId);
  });
}

function importFlow(ctx: OtmImport, f: Obj, otmId: string, path: (string | number)[]): DataFlow | undefined {
  const source = ctx.componentIds.get(f['source'] as string);
  const target = ctx.componentIds.get(f['destination'] as string);
  if (source === undefined || target === undefined || source === target) {
    ctx.r.notes.group(
      'loose-flow',
      (items) =>
        `${plural(items.length, 'data flow does', 'data flows do')} not join two components of the file and ${items.length === 1 ? 'was' : 'were'} not imported: ${quoteList(items)}.`,
      otmId,
    );
    return undefined;
  }
  const id = ctx.flowIds.get(otmId)!;
  const flow: DataFlow = { id, sourceId: source, targetId: target, label: clamp(f['name'] as string, 500) };
  const text = nonEmpty(ctx.r.string(f, 'description', path));
  if (text !== undefined) flow.description = clamp(text, 20_000);
  if (id !== otmId) ctx.kept.element(id, { id: otmId });
  ctx.doc.dataFlows.push(flow);
  return flow;
}

/** The flow the other way, which remembers the OTM flow it was split from (export joins them again). */
function addReverse(ctx: OtmImport, flow: DataFlow, otmId: string): void {
  const reverse: DataFlow = {
    id: ctx.ids.take(`${flow.id}.reverse`, 'flow'),
    sourceId: flow.targetId,
    targetId: flow.sourceId,
    label: flow.label,
    ...(flow.description !== undefined ? { description: flow.description } : {}),
  };
  ctx.kept.element(reverse.id, { reverseOf: otmId });
  ctx.doc.dataFlows.push(reverse);
  ctx.r.notes.group(
    'bidirectional',
    (items) =>
      `${plural(items.length, 'bidirectional data flow was', 'bidirectional data flows were')} imported as two flows, one each way (export joins them again): ${quoteList(items)}.`,
    otmId,
  );
}
