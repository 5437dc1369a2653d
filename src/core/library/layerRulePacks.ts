import type { Problem } from '../model/problems';
import { pushAll } from '../model/pushAll';
import type { LibraryFile, LibrarySource } from './libraryFile';
import {
  buildLibrarySteps,
  runToEnd,
  validateLibrarySources,
  type Library,
  type ValidatedLibraryFile,
} from './loadLibrary';

/**
 * Rule packs: library files (threats, mitigations, rules, component types) layered on a base
 * library. The editor and the CLI both layer through here, so the same packs in the same order
 * give the same library — and the same report — in both.
 */

/** A rule pack as read from a file: untrusted JSON, validated by loadLibrary when layered. */
export interface RulePackInput {
  fileName: string;
  content: unknown;
}

export interface RulePackCounts {
  componentTypes: number;
  threats: number;
  mitigations: number;
  rules: number;
}

/** A pack that loaded, with what it adds. */
export interface DescribedRulePack extends RulePackInput {
  /** The pack's own name, or its file name. */
  name: string;
  counts: RulePackCounts;
  /**
   * What loadLibrary warned about in this pack (e.g. a threat citing a guideline none of its
   * mitigations implements): the pack is used, but its author should fix these.
   */
  warnings: Problem[];
}

/** A pack that did not load on top of the ones before it, kept with its problems (each names its file). */
export type RejectedRulePack<P extends RulePackInput = RulePackInput> = P & { problems: Problem[] };

export interface LayeredRulePacks<P extends RulePackInput = RulePackInput> {
  library: Library;
  /** The packs in use, in the order given. */
  accepted: P[];
  rejected: RejectedRulePack<P>[];
  /** Warnings about the accepted packs, each naming its pack's file (`file`). */
  warnings: Problem[];
  /**
   * The accepted packs as the loader validated them: what the editor's page builds the same
   * library from (buildLibrarySteps) without validating them again.
   */
  files: ValidatedLibraryFile[];
}

const sources = (packs: readonly RulePackInput[]): LibrarySource[] =>
  packs.map((p) => ({ path: p.fileName, content: p.content }));

/**
 * Layers packs on `base` in order. When every pack loads they are all used, loaded together (so a
 * pack may use ids a later one defines). Otherwise each pack must load on top of the base and the
 * packs accepted before it; one that does not (invalid, dangling, or clashing with an id already
 * defined) is set aside with its problems and the packs after it are still tried. Of two packs
 * defining the same id, the first wins and the second is rejected.
 */
export function layerRulePacks<P extends RulePackInput>(
  base: Library,
  packs: readonly P[],
): LayeredRulePacks<P> {
  // Each pack's schema is checked once: it does not depend on the packs around it (the same
  // checks, and problems, as loading it with them).
  const validated = packs.map((p) => validateLibrarySources(sources([p])));
  // The common case — every pack loads — costs one build instead of one per pack.
  if (validated.every((v) => v.ok)) {
    const files = validated.flatMap((v) => (v.ok ? v.value : []));
    const all = runToEnd(buildLibrarySteps(files, { base }));
    if (all.ok)
      return { library: all.value, accepted: [...packs], rejected: [], warnings: all.warnings, files };
  }
  let library = base;
  const accepted: P[] = [];
  const acceptedFiles: ValidatedLibraryFile[] = [];
  const rejected: RejectedRulePack<P>[] = [];
  // Each build checks every pack in it, so the last one that succeeded warns about all accepted packs.
  let warnings: Problem[] = [];
  packs.forEach((pack, i) => {
    const own = validated[i]!;
    const result = own.ok ? runToEnd(buildLibrarySteps([...acceptedFiles, ...own.value], { base })) : own;
    if (result.ok && own.ok) {
      accepted.push(pack);
      pushAll(acceptedFiles, own.value);
      library = result.value;
      warnings = result.warnings;
    } else if (!result.ok) rejected.push({ ...pack, problems: result.problems });
  });
  return { library, accepted, rejected, warnings, files: acceptedFiles };
}

/**
 * A pack that loaded, with its name, what it adds and, of `warnings` (from layerRulePacks or
 * loadLibrary), those about this pack. Only for packs layerRulePacks accepted.
 */
export function describeRulePack(pack: RulePackInput, warnings: readonly Problem[] = []): DescribedRulePack {
  // Only called after loadLibrary accepted the content, so it has the library file's shape.
  const file = pack.content as LibraryFile;
  return {
    fileName: pack.fileName,
    name: file.name ?? pack.fileName,
    content: pack.content,
    counts: {
      componentTypes: file.componentTypes?.length ?? 0,
      threats: file.threats?.length ?? 0,
      mitigations: file.mitigations?.length ?? 0,
      rules: file.rules?.length ?? 0,
    },
    warnings: warnings.filter((w) => w.file === pack.fileName),
  };
}
