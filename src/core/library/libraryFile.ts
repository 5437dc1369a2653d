import { z } from 'zod';
import {
  ComponentTypeSchema,
  GuidelineSchema,
  MitigationSchema,
  RootCauseSchema,
  RuleSchema,
  ThreatSchema,
} from './librarySchema';

/**
 * One JSON file of a library. Any file may hold any section; the shipped library keeps one kind
 * per folder (catalogue/, threats/, mitigations/, rules/) but a rule pack can be a single file.
 */
export const LibraryFileSchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  name: z.string().min(1).max(200).optional(),
  version: z.string().min(1).max(50).optional(),
  description: z.string().max(2000).optional(),
  componentTypes: z.array(ComponentTypeSchema).max(500).optional(),
  guidelines: z.array(GuidelineSchema).max(200).optional(),
  threats: z.array(ThreatSchema).max(5000).optional(),
  mitigations: z.array(MitigationSchema).max(5000).optional(),
  rules: z.array(RuleSchema).max(20000).optional(),
  rootCauses: z.array(RootCauseSchema).max(1000).optional(),
});
export type LibraryFile = z.output<typeof LibraryFileSchema>;

/** A library file as read from disk or bundled: its path (for messages) and parsed JSON. */
export interface LibrarySource {
  path: string;
  content: unknown;
}
