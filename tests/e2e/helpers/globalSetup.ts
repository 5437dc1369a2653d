import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildApp } from './browserHarness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The production build every browser test serves (built once per run). */
    distDir: string;
  }
}

/** Builds the app once for all browser test files, and removes the build afterwards. */
export default async function setup(project: TestProject) {
  const distDir = await buildApp();
  project.provide('distDir', distDir);
  return () => rmSync(distDir, { recursive: true, force: true });
}
