import {
  Blocks,
  Bot,
  Brain,
  Calculator,
  ChartLine,
  Cog,
  Compass,
  Database,
  Dumbbell,
  FlaskConical,
  FolderTree,
  Gavel,
  Globe,
  HardDrive,
  IdCard,
  Landmark,
  MessageSquareText,
  Package,
  Paperclip,
  Rocket,
  Satellite,
  Cpu,
  ShieldCheck,
  SquareDashed,
  ThumbsUp,
  User,
  Workflow,
  Wrench,
  type LucideIcon,
} from 'lucide-react';
import { createElement } from 'react';

/**
 * Line icons for the shipped component types, drawn as SVG: the catalogue's emoji `icon` stays in
 * the file format, but emoji render as empty boxes where no colour-emoji font is installed and
 * with mixed weight elsewhere. Each icon is imported by name so the bundle keeps only these.
 */
const ICONS: Readonly<Record<string, LucideIcon>> = {
  user: User,
  'data-source': FolderTree,
  'data-pipeline': Workflow,
  'dataset-store': Database,
  training: Dumbbell,
  evaluation: FlaskConical,
  'pretrained-model': Package,
  'model-registry': Landmark,
  'inference-api': Satellite,
  llm: Brain,
  'llm-app': MessageSquareText,
  agent: Bot,
  'agent-tool': Wrench,
  'vector-store': Compass,
  'memory-store': Paperclip,
  guardrail: ShieldCheck,
  'feedback-store': ThumbsUp,
  monitoring: ChartLine,
  'data-store': HardDrive,
  'external-service': Globe,
  'deployment-pipeline': Rocket,
  'human-review': Gavel,
  process: Cog,
  'identity-provider': IdCard,
  'edge-device': Cpu,
  'code-interpreter': Calculator,
};

/** Types from user rule packs have no icon of their own here: a neutral building block. */
export const FALLBACK_ICON: LucideIcon = Blocks;

export function componentIcon(typeId: string): LucideIcon {
  return Object.hasOwn(ICONS, typeId) ? ICONS[typeId]! : FALLBACK_ICON;
}

/** The type ids that have an icon of their own (tests check the catalogue is covered). */
export const ICON_TYPE_IDS: readonly string[] = Object.keys(ICONS);

/** A component type's icon, decorative: the type's name is always given in text beside it. */
export function ComponentIcon({
  typeId,
  className,
  size = 20,
}: {
  typeId: string;
  className?: string;
  size?: number;
}) {
  // A lookup of a module-level icon, not a component made during render (createElement says so).
  return createElement(componentIcon(typeId), {
    className,
    size,
    strokeWidth: 1.75,
    'aria-hidden': 'true',
    focusable: 'false',
  });
}

/** The trust boundary's icon in the palette. */
export function BoundaryIcon({ className, size = 16 }: { className?: string; size?: number }) {
  return (
    <SquareDashed className={className} size={size} strokeWidth={1.75} aria-hidden="true" focusable="false" />
  );
}
