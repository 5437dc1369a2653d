import { lazy, Suspense, useEffect } from 'react';
import { FlowCanvas } from '../canvas/FlowCanvas';
import { CrashBoundary } from '../errors/CrashBoundary';
import { Inspector } from '../inspector/Inspector';
import { Outline } from '../outline/Outline';
import { Palette } from '../palette/Palette';
import type { LeftPanel, SidePanel } from '../store/appState';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { ThreatPanel } from '../threats/ThreatPanel';
import { EmptyCanvasHint } from './EmptyCanvasHint';
import { CANVAS_ID, focusAfterOpen, LEFT_PANEL_ID, RIGHT_PANEL_ID } from './focusTargets';
import { PanelToggle } from './PanelToggle';
import { Tabs } from './Tabs';
import { useRememberPanels } from './useRememberPanels';

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

/**
 * Palette and outline on the left, the canvas in the middle, inspector and threats on the right.
 * Either panel collapses to a rail with its toggle, so a projector or small laptop can give the
 * canvas the room; below 800 CSS px an open panel overlays the canvas instead of squeezing it.
 */
export function Workspace() {
  const store = useStoreApi();
  const leftPanel = useAppStore((s) => s.leftPanel);
  const sidePanel = useAppStore((s) => s.sidePanel);
  const leftOpen = useAppStore((s) => s.leftPanelOpen);
  const rightOpen = useAppStore((s) => s.rightPanelOpen);
  const title = useAppStore((s) => s.document.meta.title);
  const reviewing = useAppStore((s) => s.review !== null);
  const opened = useAppStore((s) => (s.focusRequest?.id === '*' ? s.focusRequest.nonce : null));
  const update = useAppStore((s) => s.update);
  useRememberPanels();
  useEffect(() => focusAfterOpen(store), [store, opened]);
  return (
    <div className="workspace">
      <aside id={LEFT_PANEL_ID} className="left-panel" aria-label="Components and outline" hidden={!leftOpen}>
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
      <PanelToggle side="left" open={leftOpen} controls={LEFT_PANEL_ID} name="components and outline" />
      <main className="canvas-area" id={CANVAS_ID} tabIndex={-1} aria-label="Canvas">
        {/* Inside the main landmark: content outside every landmark is missed by landmark navigation. */}
        <h1 className="visually-hidden">{title.trim() || 'Untitled model'}: threat model editor</h1>
        <CrashBoundary area="canvas">
          <FlowCanvas />
        </CrashBoundary>
        <EmptyCanvasHint />
        {reviewing && (
          <CrashBoundary area="review panel">
            <Suspense fallback={null}>
              <ReviewPanel />
            </Suspense>
          </CrashBoundary>
        )}
      </main>
      <PanelToggle side="right" open={rightOpen} controls={RIGHT_PANEL_ID} name="inspector and findings" />
      <aside
        id={RIGHT_PANEL_ID}
        className="right-panel"
        aria-label="Inspector and findings"
        hidden={!rightOpen}
      >
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
