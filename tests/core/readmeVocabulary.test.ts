import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_CATEGORIES, FLOW_KINDS, shippedLibrary } from '../../src/core/index';

/** The README's "Writing a model by hand" must name every value a hand-written model may use. */
const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(
  readme.indexOf('## Writing a model by hand'),
  readme.indexOf('## Adding a rule'),
);

describe('README: writing a model by hand', () => {
  it('lists every data category, flow kind and local', () => {
    for (const value of [...DATA_CATEGORIES, ...FLOW_KINDS, 'local: true'])
      expect(section, value).toContain(`\`${value}\``);
  });

  it('lists every shipped component type', () => {
    for (const type of shippedLibrary().componentTypes) expect(section, type.id).toContain(`\`${type.id}\``);
  });

  it('points rule authors at the fact reference in threat-library/README.md', () => {
    const adding = readme.slice(readme.indexOf('## Adding a rule'), readme.indexOf('## Interoperability'));
    expect(adding).toContain('threat-library/README.md');
    const guide = readFileSync('threat-library/README.md', 'utf8');
    for (const heading of [
      'Fact reference',
      'Flow kinds and local flows',
      'Path conditions',
      'Root causes',
    ]) {
      expect(adding, heading).toContain(`"${heading}`);
      expect(guide, heading).toMatch(new RegExp(`^#+ ${heading}`, 'm'));
    }
  });
});
