import { config } from 'zod';

/**
 * Zod compiles fast object parsers with `new Function` unless told not to. The CLI reads files
 * from pull requests in CI, and the tool's rule is no dynamic code anywhere (SECURITY.md), so it
 * says no, as the editor does (src/ui/platform/noDynamicCode.ts). Zod reads the setting when a
 * schema is built, so bin.ts imports this before anything that builds one. Large models lose
 * nothing: their big lists are checked by hand (src/core/model/fastElements.ts), not by zod.
 */
config({ jitless: true });
