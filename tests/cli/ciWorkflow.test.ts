import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { memoryIo } from './memoryIo';

const WORKFLOW = 'docs/examples/github-actions-threat-model.yml';
const workflow = readFileSync(WORKFLOW, 'utf8');

/** The `npx aitm …` command lines of the workflow, as argument lists (double quotes removed). */
function aitmCommands(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => /(?:^|\s)npx aitm (.+)$/.exec(line.replace(/^\s*(?:- )?run:\s*/, ''))?.[1])
    .filter((rest): rest is string => rest !== undefined)
    .map((rest) =>
      rest
        .trim()
        .split(/\s+/)
        .map((arg) => arg.replace(/^"(.*)"$/, '$1')),
    );
}

/** `$MODEL` as the workflow's env sets it. */
const model = /^\s+MODEL: (\S+)$/m.exec(workflow)?.[1];

describe('the GitHub Actions workflow of docs/ci.md', () => {
  it('uploads SARIF and comments the diff with the actions and tools it names', () => {
    expect(workflow).toContain('uses: actions/checkout@v4');
    expect(workflow).toContain('uses: actions/setup-node@v4');
    expect(workflow).toContain('uses: github/codeql-action/upload-sarif@v3');
    expect(workflow).toMatch(/sarif_file: aitm\.sarif/);
    expect(workflow).toMatch(/gh pr comment "\$PR" --body-file aitm-diff\.md/);
    expect(workflow).toMatch(/security-events: write/);
    expect(workflow).toMatch(/pull-requests: write/);
    // No expression of the event is spliced into a shell script (script injection): only via env.
    for (const line of workflow.split('\n'))
      if (/^\s*(?:- )?run:|^\s{10,}\S/.test(line) && !/^\s+[A-Z_]+: /.test(line))
        expect(line, line).not.toMatch(/\$\{\{/);
  });

  it('runs aitm commands and flags the CLI accepts, on a real example', () => {
    expect(model).toBe('model.aitm.json');
    const commands = aitmCommands(workflow);
    expect(commands.map((c) => c[0])).toEqual(['analyze', 'diff']);
    const example = readFileSync('examples/public-rag-chatbot.aitm.json', 'utf8');
    for (const command of commands) {
      const argv = command.map((arg) => (arg === '$MODEL' ? model! : arg));
      const m = memoryIo({ [model!]: example, 'base.aitm.json': example });
      const code = main(argv, m.io);
      expect(m.stderr(), argv.join(' ')).toBe('');
      expect(code, argv.join(' ')).toBe(0);
      const out = argv[argv.indexOf('--out') + 1]!;
      expect(Object.keys(m.written)).toEqual([out]);
    }
  });

  it('appears in docs/ci.md as it is in the file', () => {
    const doc = readFileSync('docs/ci.md', 'utf8');
    const block = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBe(workflow);
  });
});
