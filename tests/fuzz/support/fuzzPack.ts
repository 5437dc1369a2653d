/**
 * A rule pack loaded on top of the shipped library during fuzzing, so that `evaluate` and both
 * reports have findings to render whatever state the shipped rules are in. Its rules touch every
 * family of facts (properties, graph paths, agency, neighbours, boundaries, model) and every
 * feature of a rule (nested conditions, adjustments, by-design mitigations, organisational
 * mitigations). Ids carry a `fuzz` prefix so they never clash with the shipped library.
 */
export const FUZZ_PACK = {
  name: 'fuzz pack',
  version: '0.0.0-fuzz',
  threats: [
    threat('threat.fuzz-injection', 'Injected <b>instructions</b> | [x](javascript:1)', 'high', 'high', [
      'SD-3',
    ]),
    threat('threat.fuzz-exposure', 'Exposure', 'medium', 'high', ['DEP-1']),
    threat('threat.fuzz-flow', 'Flow tampering', 'medium', 'medium', ['DEV-2']),
    threat('threat.fuzz-boundary', 'Boundary', 'low', 'medium', ['SD-4']),
    threat('threat.fuzz-programme', 'Programme', 'low', 'low', ['SD-1']),
  ],
  mitigations: [
    {
      id: 'mitigation.fuzz-guard',
      title: 'Guard it',
      guidance: 'Put a guardrail in front.',
      guidelines: ['SD-3', 'DEV-1'],
    },
    {
      id: 'mitigation.fuzz-auth',
      title: 'Authenticate',
      guidance: 'Authenticate callers.',
      guidelines: ['DEP-1'],
    },
    {
      id: 'mitigation.fuzz-train',
      title: 'Train staff',
      guidance: 'Train.',
      guidelines: ['SD-1'],
      organisational: true,
    },
  ],
  rules: [
    {
      id: 'rule.fuzz-unguarded',
      threat: 'threat.fuzz-injection',
      target: 'component',
      types: ['llm', 'llm-app', 'agent'],
      when: {
        any: [
          { fact: 'untrusted.unguarded', op: 'eq', value: true },
          { fact: 'untrusted.indirect', op: 'eq', value: true },
        ],
      },
      adjust: [
        {
          when: { fact: 'downstream.types', op: 'includesAny', value: ['agent-tool', 'data-store'] },
          likelihood: 1,
          reason: 'Tools downstream.',
        },
      ],
      byDesign: [
        {
          when: { fact: 'upstream.types', op: 'includes', value: 'guardrail' },
          mitigations: ['mitigation.fuzz-guard'],
          effect: 'lower',
          reason: 'A guardrail upstream.',
        },
      ],
    },
    {
      id: 'rule.fuzz-props',
      threat: 'threat.fuzz-exposure',
      target: 'component',
      when: {
        all: [
          { not: { fact: 'prop.authenticated', op: 'eq', value: true } },
          {
            any: [
              { fact: 'zone', op: 'in', value: ['internet', 'dmz', 'none'] },
              { fact: 'isUntrustedOrigin', op: 'eq', value: true },
            ],
          },
          { fact: 'in.count', op: 'gte', value: 0 },
        ],
      },
      byDesign: [
        {
          when: { fact: 'prop.trust', op: 'eq', value: 'privileged' },
          mitigations: ['mitigation.fuzz-auth'],
          effect: 'mitigated',
          reason: 'Privileged users only.',
        },
      ],
    },
    {
      id: 'rule.fuzz-agency',
      threat: 'threat.fuzz-injection',
      target: 'component',
      types: ['agent-tool', 'data-store', 'external-service'],
      when: {
        any: [
          { fact: 'agency.drivenByExposedLlm', op: 'eq', value: true },
          { fact: 'agency.reachesUnapprovedTool', op: 'eq', value: true },
          { fact: 'agency.drivenByLlm', op: 'eq', value: true },
        ],
      },
    },
    {
      id: 'rule.fuzz-origins',
      threat: 'threat.fuzz-exposure',
      target: 'component',
      when: {
        all: [
          {
            fact: 'untrusted.origins',
            op: 'includesAny',
            value: ['anonymous-user', 'public-web', 'internet-zone'],
          },
          { fact: 'out.data', op: 'includesNone', value: ['credentials'] },
        ],
      },
      mitigations: ['mitigation.fuzz-guard', 'mitigation.fuzz-train'],
    },
    {
      id: 'rule.fuzz-flow',
      threat: 'threat.fuzz-flow',
      target: 'dataFlow',
      when: {
        all: [
          {
            any: [
              { fact: 'crossesBoundary', op: 'eq', value: true },
              { fact: 'crossesZone', op: 'eq', value: true },
            ],
          },
          { not: { fact: 'encrypted', op: 'eq', value: true } },
        ],
      },
      adjust: [
        {
          when: { fact: 'data', op: 'includesAny', value: ['personal-data', 'credentials'] },
          impact: 2,
          reason: 'Sensitive data.',
        },
      ],
    },
    {
      id: 'rule.fuzz-flow-endpoints',
      threat: 'threat.fuzz-injection',
      target: 'dataFlow',
      when: {
        any: [
          { fact: 'source.untrusted.reachable', op: 'eq', value: true },
          { fact: 'target.prop.access', op: 'in', value: ['execute', 'write'] },
          { fact: 'protocol', op: 'exists' },
        ],
      },
    },
    {
      id: 'rule.fuzz-boundary',
      threat: 'threat.fuzz-boundary',
      target: 'trustBoundary',
      when: {
        any: [
          { fact: 'depth', op: 'gte', value: 1 },
          { fact: 'contains.types', op: 'includes', value: 'llm' },
          { fact: 'parentZone', op: 'ne', value: 'none' },
          { fact: 'zone', op: 'eq', value: 'internet' },
        ],
      },
    },
    {
      id: 'rule.fuzz-model',
      threat: 'threat.fuzz-programme',
      target: 'model',
      when: {
        any: [
          { fact: 'componentCount', op: 'gt', value: 0 },
          { fact: 'zones', op: 'includesNone', value: ['restricted'] },
        ],
      },
      mitigations: ['mitigation.fuzz-train'],
    },
  ],
};

function threat(id: string, title: string, likelihood: string, impact: string, guidelines: string[]) {
  return {
    id,
    title,
    description: `${title}: a threat used by the fuzz tests.`,
    likelihood,
    impact,
    stride: ['tampering'],
    references: { guidelines, atlas: ['AML.T0051.001'], owaspLlm: ['LLM01'], owaspMl: [], saif: ['PIJ'] },
    mitigations: ['mitigation.fuzz-guard', 'mitigation.fuzz-auth'],
  };
}
