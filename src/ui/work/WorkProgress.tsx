import { useStore } from 'zustand';
import { useServices } from '../store/StoreContext';
import { tasksOf } from './backgroundTasks';
import { WORK_STAGES } from './workProtocol';

/**
 * Shown while heavy work runs in the background (opening a large file, checking a rule pack, a
 * layout): what is happening, an indeterminate progress bar and a Cancel that stops the work and
 * changes nothing. It appears after a short delay (CSS) so quick jobs do not flash it.
 */
export function WorkProgress() {
  const services = useServices();
  const tasks = tasksOf(services);
  const task = useStore(tasks.status, (s) => s.current);
  if (!task) return null;
  const stage = task.stage ? WORK_STAGES[task.stage] : 'Starting';
  return (
    <section className="work-progress" aria-label="Work in progress">
      <div role="status" className="work-progress-text">
        <strong>{task.label}</strong>
        <span className="muted small">{stage}…</span>
      </div>
      <div className="work-progress-bar" role="progressbar" aria-label={task.label} aria-valuetext={stage}>
        <span className="work-progress-stripe" />
      </div>
      <button type="button" className="secondary-button" onClick={() => tasks.cancel()}>
        Cancel
      </button>
    </section>
  );
}
