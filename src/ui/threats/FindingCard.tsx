import type { Ref } from 'react';
import { assumedDefaultPhrases, type Finding } from '../../core';
import { humanise } from '../inspector/fields';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { removeThreatByHand } from '../store/triageActions';
import { MitigationList } from './MitigationList';
import { ReferenceList } from './ReferenceList';
import { RootCauseGroup } from './RootCauseGroup';
import { TriageControls } from './TriageControls';

/** One finding: a summary line that expands into why, mitigations, references and triage. */
export function FindingCard({
  finding,
  showTarget,
  noteRef,
}: {
  finding: Finding;
  showTarget: boolean;
  noteRef?: Ref<HTMLTextAreaElement>;
}) {
  const store = useStoreApi();
  const expanded = useAppStore((s) => s.expandedFinding === finding.key);
  const detailsId = `finding-${finding.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const toggle = () => store.getState().update({ expandedFinding: expanded ? null : finding.key });
  return (
    <li className={`finding-card sev-border-${finding.severity} status-${finding.status}`}>
      <button
        type="button"
        className="finding-summary"
        aria-expanded={expanded}
        aria-controls={detailsId}
        onClick={toggle}
      >
        <span className={`severity-pill sev-${finding.severity}`}>{finding.severity}</span>
        <span className="finding-title">{finding.title}</span>
        {showTarget && <span className="finding-target muted small">{finding.targetLabel}</span>}
        {finding.group && (
          <span className="group-pill muted small" title={`Root cause: ${finding.group.title}`}>
            1 of {finding.group.members.length} · shared cause
          </span>
        )}
        <span className={`status-pill status-${finding.status}`}>{humanise(finding.status)}</span>
      </button>
      {expanded && (
        <div className="finding-details" id={detailsId}>
          <p className="finding-why">
            <strong>Why: </strong>
            {finding.why}
          </p>
          {finding.description && <p className="small">{finding.description}</p>}
          <p className="muted small">{ratingLine(finding)}</p>
          <TriageControls finding={finding} {...(noteRef ? { noteRef } : {})} />
          <RootCauseGroup finding={finding} />
          <h4>Mitigations</h4>
          <MitigationList finding={finding} />
          <h4>References</h4>
          <ReferenceList references={finding.references} />
          {finding.origin === 'user' && (
            <button
              type="button"
              className="danger-button"
              onClick={() => removeThreatByHand(store, finding)}
            >
              Delete this threat
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * How the finding was rated. A rule rates likelihood and impact and derives severity from them; a
 * threat added by hand (or imported) carries only the severity its author chose, so it shows that
 * alone rather than a likelihood and impact nobody stated.
 */
function ratingLine(finding: Finding): string {
  if (finding.origin === 'user')
    return `Added by hand · severity ${finding.severity}, set by its author (no likelihood or impact rated)`;
  const assumed = assumedDefaultPhrases(finding.trace.leaves);
  return (
    `Likelihood ${finding.likelihood}, impact ${finding.impact}` +
    (assumed.length > 0 ? ` · rests on default values of ${assumed.join(', ')}` : '')
  );
}
