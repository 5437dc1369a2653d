import { lazy, Suspense } from 'react';
import { FlowCanvas } from '../canvas/FlowCanvas';
import { CrashBoundary } from '../errors/CrashBoundary';
import { Inspector } from '../inspector/Inspector';
import { Outline } from '../outline/Outline';
import { Palette } from '../palette/Palette';
import type { LeftPanel, SidePanel } from '../store/appState';
import { useAppStore } from '../store/StoreContext';
import { ThreatPanel } from '../threats/ThreatPanel';
import { Tabs } from './Tabs';

// Not needed to draw: loaded when first opened.
const Dashboard = lazy(() => import('../dashboard/Dashboard'));
const ReviewPanel = lazy(() => import('../review/ReviewPanel'));

const LEFT_TABS = [
  { id: 'palette', label: 'Components' },
  { id: 'outline', label: 'Outline' },
] as const satisfies readonly { id: LeftPanel; label: string }[];
const SIDE_TABS = [
  { id: 'threats', label: 'Threats' },
  { id: 'dashboard', label: 'Dashboard' },
] as const satisfies readonly { id: SidePanel; label: string }[];

/** Palette and outline on the left, the canvas in the middle, inspector and threats on the right. */
export function Workspace() {
  const leftPanel = useAppStore((s) => s.leftPanel);
  const sidePanel = useAppStore((s) => s.sidePanel);
  const reviewing = useAppStore((s) => s.review !== null);
  const update = useAppStore((s) => s.update);
  return (
    <div className="workspace">
      <aside className="left-panel" aria-label="Components and outline">
        <Tabs
          label="Left panel"
          tabs={LEFT_TABS}
          value={leftPanel}
          onChange={(id) => update({ leftPanel: id })}
        >
          <CrashBoundary key={leftPanel} area={leftPanel === 'palette' ? 'components palette' : 'outline'}>
            {leftPanel === 'palette' ? <Palette /> : <Outline />}
          </CrashBoundary>
        </Tabs>
      </aside>
      <main className="canvas-area" id="canvas">
        <CrashBoundary area="canvas">
          <FlowCanvas />
        </CrashBoundary>
        {reviewing && (
          <CrashBoundary area="review panel">
            <Suspense fallback={null}>
              <ReviewPanel />
            </Suspense>
          </CrashBoundary>
        )}
      </main>
      <aside className="right-panel" aria-label="Inspector and findings">
        <InspectorArea />
        <Tabs
          label="Findings panel"
          tabs={SIDE_TABS}
          value={sidePanel}
          onChange={(id) => update({ sidePanel: id })}
        >
          <CrashBoundary key={sidePanel} area={sidePanel === 'threats' ? 'threats panel' : 'dashboard'}>
            {sidePanel === 'threats' ? (
              <ThreatPanel />
            ) : (
              <Suspense fallback={<p className="muted">Loading…</p>}>
                <Dashboard />
              </Suspense>
            )}
          </CrashBoundary>
        </Tabs>
      </aside>
    </div>
  );
}

/** The inspector in its own boundary; selecting something else gives it another chance. */
function InspectorArea() {
  const selection = useAppStore((s) => s.selection.join('\n'));
  return (
    <CrashBoundary area="inspector" resetKey={selection}>
      <Inspector />
    </CrashBoundary>
  );
}
