#!/usr/bin/env node
// The installed `aitm` command: runs the TypeScript CLI through tsx's loader, so the CLI and the
// editor share one source of truth without a separate build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
