import { useAppStore } from '../store/StoreContext';
import { selectAnalysisFailure } from '../store/selectors';

/**
 * Says, above the editor, that the threat analysis crashed on this model (so an empty threat list
 * is not read as a clean model). Its own module, loaded with the editor: reading it evaluates the
 * model, and the start screen needs neither the engine nor its code in the first load.
 */
export default function AnalysisFailureNotice() {
  const analysisFailure = useAppStore(selectAnalysisFailure);
  if (!analysisFailure) return null;
  return (
    <div className="notice notice-error" role="alert" aria-label="Threat analysis failed">
      <span className="notice-text">
        The threat analysis failed on this model: {analysisFailure}. The model is kept and can be edited and
        saved; no threats are shown and reports cannot be exported until the analysis succeeds (it runs again
        after each change).
      </span>
    </div>
  );
}
