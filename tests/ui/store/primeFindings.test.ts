import { describe, expect, it, vi } from 'vitest';
import { evaluate, shippedLibrary } from '../../../src/core/index';
import { analyses, primeFindings, rememberAnalysis } from '../../../src/ui/store/analysisCache';
import { evaluatorFor } from '../../../src/ui/store/findingsEngine';
import { apiModel } from '../../support/modelBuilders';

/**
 * A big model opened through the worker arrives with its findings; the page's incremental
 * evaluator is shown the document when the page is idle, so the first edit is not a full
 * evaluation in the keystroke's frame. The worker's findings stay the ones shown.
 */
describe('findings made by the worker', () => {
  it('are shown, and the page evaluator sees the document when the page is idle', async () => {
    const library = shippedLibrary();
    const doc = apiModel();
    const findings = evaluate(doc, library);
    const seen = vi.spyOn(evaluatorFor(library), 'evaluate');
    primeFindings(doc, library, findings);
    expect(analyses.get(doc)?.findings).toBe(findings);
    expect(seen).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(seen.mock.calls.some(([d]) => d === doc)).toBe(true));
    expect(analyses.get(doc)?.findings).toBe(findings);
  });

  it('are not followed by a second evaluation when an edit was analysed first', async () => {
    const library = shippedLibrary();
    const doc = apiModel();
    const seen = vi.spyOn(evaluatorFor(library), 'evaluate');
    seen.mockClear();
    primeFindings(doc, library, evaluate(doc, library));
    const edited = { ...doc, meta: { ...doc.meta, title: 'Edited' } };
    rememberAnalysis(edited, { library, findings: [], failure: null });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(seen.mock.calls.some(([d]) => d === doc)).toBe(false);
  });
});
