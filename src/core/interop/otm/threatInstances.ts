/** OTM threat instances (`threats` of components and flows) as user threats on their element. */
import type { UserThreat } from '../../model/document';
import { LIMITS } from '../../limits';
import type { OtmKept } from '../../model/interopData';
import { isObject } from '../shared/isObject';
import { clamp, nonEmpty, plural, type IdAllocator } from '../shared/text';
import type { OtmKeeper } from './kept';
import { mitigationStateOfOtm, severityOfRisk, statusOfOtmState } from './mapping';
import type { ForeignReader } from './read';

type Obj = Record<string, unknown>;
type Mitigation = NonNullable<UserThreat['mitigations']>[number];
type KeptMitigation = NonNullable<OtmKept['mitigations']>[number];

export class ThreatInstances {
  readonly list: UserThreat[] = [];
  readonly usedThreats: string[] = [];

  constructor(
    private readonly r: ForeignReader,
    private readonly ids: IdAllocator,
    private readonly kept: OtmKeeper,
    private readonly threats: ReadonlyMap<string, Obj>,
    private readonly mitigations: ReadonlyMap<string, Obj>,
  ) {}

  /** The threat instances of one component or flow. */
  collect(element: Obj, path: (string | number)[], targetId: string): void {
    const instances = this.r.objects(element, 'threats', path, LIMITS.userThreats.value);
    instances.forEach((instance, i) => {
      if (this.list.length >= LIMITS.userThreats.value) return;
      this.instance(instance, [...path, 'threats', i], targetId);
    });
  }

  private instance(instance: Obj, at: (string | number)[], targetId: string): void {
    const threatId = this.r.string(instance, 'threat', at);
    const def = threatId === undefined ? undefined : this.threats.get(threatId);
    if (threatId === undefined || def === undefined) {
      this.r.notes.group(
        'dangling-threat',
        (items) =>
          `${plural(items.length, 'threat instance names', 'threat instances name')} a threat the file does not define and ${items.length === 1 ? 'was' : 'were'} ignored: ${items.join(', ')}.`,
        at.map(String).join('.'),
      );
      return;
    }
    this.usedThreats.push(threatId);
    const state = this.r.string(instance, 'state', at);
    const risk = isObject(def['risk']) ? def['risk'] : {};
    const likelihood = finite(risk['likelihood']);
    const impact = finite(risk['impact']);
    const { mitigations, kept: keptMitigations } = this.linkedMitigations(instance, at, targetId);
    const name = nonEmpty(typeof def['name'] === 'string' ? def['name'] : undefined) ?? threatId;
    const text = describe(def);
    const threat: UserThreat = {
      id: this.ids.take(`${threatId}.${targetId}`, 'otm-threat'),
      targetId,
      title: clamp(name.replace(/\s+/g, ' '), 500),
      ...(text !== '' ? { description: clamp(text, 20_000) } : {}),
      severity: severityOfRisk(likelihood, impact),
      status: statusOfOtmState(state),
      ...(mitigations.length > 0 ? { mitigations } : {}),
      source: 'otm',
    };
    this.kept.threat(threat.id, {
      threat: threatId,
      ...(state !== undefined ? { state } : {}),
      ...(likelihood !== undefined ? { likelihood } : {}),
      ...(impact !== undefined ? { impact } : {}),
      ...(keptMitigations.length > 0 ? { mitigations: keptMitigations } : {}),
    });
    this.list.push(threat);
  }

  /** The instance's mitigations, ours and the OTM ids, risk reductions and states to write back. */
  private linkedMitigations(
    instance: Obj,
    at: (string | number)[],
    targetId: string,
  ): { mitigations: Mitigation[]; kept: KeptMitigation[] } {
    const mitigations: Mitigation[] = [];
    const kept: KeptMitigation[] = [];
    this.r.objects(instance, 'mitigations', at, 500).forEach((m) => {
      const mid = typeof m['mitigation'] === 'string' ? m['mitigation'] : undefined;
      const mdef = mid === undefined ? undefined : this.mitigations.get(mid);
      if (mid === undefined || mdef === undefined) {
        this.r.notes.group(
          'dangling-mitigation',
          (items) =>
            `${plural(items.length, 'mitigation link names', 'mitigation links name')} a mitigation the file does not define and ${items.length === 1 ? 'was' : 'were'} ignored.`,
          `${targetId}:${mid ?? '?'}`,
        );
        return;
      }
      const state = typeof m['state'] === 'string' ? m['state'] : undefined;
      mitigations.push({
        title: clamp(nonEmpty(typeof mdef['name'] === 'string' ? mdef['name'] : undefined) ?? mid, 500),
        state: mitigationStateOfOtm(state),
      });
      const riskReduction = finite(mdef['riskReduction']);
      kept.push({
        id: mid,
        ...(riskReduction !== undefined ? { riskReduction } : {}),
        ...(state !== undefined ? { state } : {}),
      });
    });
    return { mitigations, kept };
  }
}

/** The threat's description, with its categories and CWEs as paragraphs the export reads back. */
function describe(def: Obj): string {
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((c): c is string => typeof c === 'string') : [];
  const categories = strings(def['categories']);
  const cwes = strings(def['cwes']);
  const description = nonEmpty(typeof def['description'] === 'string' ? def['description'] : undefined);
  return [
    description === undefined ? undefined : clamp(description, 15_000),
    categories.length > 0 ? `Categories: ${categories.join(', ')}` : undefined,
    cwes.length > 0 ? `CWE: ${cwes.join(', ')}` : undefined,
  ]
    .filter((t): t is string => t !== undefined)
    .join('\n\n');
}

function finite(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
