import { useEffect } from 'react';
import { ViewportPortal, useReactFlow, useStore as useFlowStore } from '@xyflow/react';
import { useStore } from 'zustand';
import { activeSession } from './activeSession';
import type { CollabSession } from './collabSession';
import type { Peer } from './collabView';
import './collab.css';

/**
 * Peers on the canvas: their pointers (with names) and rings around what they selected, drawn in
 * flow coordinates so they stay on the right element at every zoom. This participant's pointer is
 * sent to the others (throttled in the session).
 */
export default function PresenceLayer() {
  const session = useStore(activeSession, (s) => s.session);
  if (!session) return null;
  return <SessionPresence session={session} />;
}

function SessionPresence({ session }: { session: CollabSession }) {
  const flow = useReactFlow();
  const domNode = useFlowStore((s) => s.domNode);
  const peers = useStore(session.view, (s) => s.peers);

  useEffect(() => {
    const pane = domNode;
    if (!pane) return;
    const move = (event: PointerEvent) =>
      session.setCursor(
        flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }, { snapToGrid: false }),
      );
    const out = () => session.setCursor(null);
    pane.addEventListener('pointermove', move);
    pane.addEventListener('pointerleave', out);
    return () => {
      pane.removeEventListener('pointermove', move);
      pane.removeEventListener('pointerleave', out);
    };
  }, [domNode, flow, session]);

  return (
    <ViewportPortal>
      {peers.map((peer) => (
        <PeerSelection key={`s${peer.clientId}`} peer={peer} />
      ))}
      {peers.map((peer) =>
        peer.cursor ? <PeerCursor key={`c${peer.clientId}`} peer={peer} at={peer.cursor} /> : null,
      )}
    </ViewportPortal>
  );
}

function PeerCursor({ peer, at }: { peer: Peer; at: { x: number; y: number } }) {
  return (
    <div
      className="peer-cursor"
      data-peer={peer.name}
      style={{ transform: `translate(${at.x}px, ${at.y}px)`, ['--peer-color' as string]: peer.color }}
      aria-hidden="true"
    >
      <svg width="14" height="20" viewBox="0 0 14 20">
        <path d="M0 0 L0 16 L4 12 L7 19 L10 18 L7 11 L13 11 Z" />
      </svg>
      <span className="peer-cursor-name">{peer.name}</span>
    </div>
  );
}

/** Rings on the nodes a peer selected; the node's absolute position, as React Flow measured it. */
function PeerSelection({ peer }: { peer: Peer }) {
  const boxes = useFlowStore(
    (s) =>
      peer.selection
        .map((id) => s.nodeLookup.get(id))
        .filter((n) => n !== undefined)
        .map((n) => ({
          id: n.id,
          x: n.internals.positionAbsolute.x,
          y: n.internals.positionAbsolute.y,
          w: n.measured.width ?? n.width ?? 0,
          h: n.measured.height ?? n.height ?? 0,
        })),
    (a, b) =>
      a.length === b.length &&
      a.every((box, i) => {
        const other = b[i]!;
        return (
          box.id === other.id &&
          box.x === other.x &&
          box.y === other.y &&
          box.w === other.w &&
          box.h === other.h
        );
      }),
  );
  return (
    <>
      {boxes.map((box) => (
        <div
          key={box.id}
          className="peer-selection"
          data-peer={peer.name}
          data-selected-id={box.id}
          title={`${peer.name} selected this`}
          style={{
            transform: `translate(${box.x - 4}px, ${box.y - 4}px)`,
            width: box.w + 8,
            height: box.h + 8,
            ['--peer-color' as string]: peer.color,
          }}
        />
      ))}
    </>
  );
}
