import { parseDocument } from '../document/parseDocument';
import type { ParseResult } from '../model/problems';
import { checkUntrustedJson } from '../model/untrustedJson';
import { detectFormat, formatName, type InteropFormat } from './detectFormat';
import type { ImportResult, InteropOptions } from './shared/finalise';
import { importThreatComposer } from './threat-composer/import';
import { importThreatDragon } from './threat-dragon/import';
import { importOtm } from './otm/import';
import { importTmBom } from './tm-bom/import';

/** An imported document, the format it was read from, and what could not be carried over. */
export interface DetectedImport extends ImportResult {
  format: Exclude<InteropFormat, 'unknown' | 'threat-dragon-v1'>;
  /** Always set here: the importer's own name for what it read, or the format's name. */
  recognised: string;
}

/**
 * Reads any file this tool understands, detecting its format: our own documents (through
 * parseDocument), Threat Dragon v2 models, Threat Composer files, OTM and TM-BOM files. Threat Dragon v1 files and
 * unknown JSON are refused with a message saying what to do.
 */
export function importDocument(input: unknown, options: InteropOptions): ParseResult<DetectedImport> {
  const unsafe = checkUntrustedJson(input);
  if (unsafe.length > 0) return { ok: false, problems: unsafe };
  const format = detectFormat(input);
  switch (format) {
    case 'aitm': {
      const parsed = parseDocument(input, { catalogue: options.catalogue });
      return parsed.ok
        ? {
            ok: true,
            value: {
              format,
              recognised: `AI threat model (schema version ${parsed.value.schemaVersion})`,
              document: parsed.value,
              notes: [],
            },
            warnings: parsed.warnings,
          }
        : parsed;
    }
    case 'threat-dragon-v1':
    case 'threat-dragon-v2': {
      const result = importThreatDragon(input, options);
      return result.ok
        ? {
            ...result,
            value: {
              ...result.value,
              format: 'threat-dragon-v2',
              recognised: result.value.recognised ?? formatName('threat-dragon-v2'),
            },
          }
        : result;
    }
    case 'threat-composer': {
      const result = importThreatComposer(input, options);
      return result.ok
        ? {
            ...result,
            value: { ...result.value, format, recognised: result.value.recognised ?? formatName(format) },
          }
        : result;
    }
    case 'otm': {
      const result = importOtm(input, options);
      return result.ok
        ? {
            ...result,
            value: { ...result.value, format, recognised: result.value.recognised ?? formatName(format) },
          }
        : result;
    }
    case 'tm-bom': {
      const result = importTmBom(input, options);
      return result.ok
        ? {
            ...result,
            value: { ...result.value, format, recognised: result.value.recognised ?? formatName(format) },
          }
        : result;
    }
    default:
      return {
        ok: false,
        problems: [
          {
            path: '$',
            message:
              'not a file this tool can read: expected an AI threat model ("format": "ai-threat-model"), a Threat Dragon v2 model ("summary" and "detail"), a Threat Composer file ("schema": 1), an OTM file ("otmVersion") or a TM-BOM file ("scope" and "trust_zones")',
          },
        ],
      };
  }
}
