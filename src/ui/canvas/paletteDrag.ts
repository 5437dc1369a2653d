/** MIME type the palette puts on drag data; the canvas accepts only drops that carry it. */
export const PALETTE_MIME = 'application/x-aitm-component-type';

/**
 * The drag data of the palette's "Trust boundary" entry, under PALETTE_MIME. The `@` makes it
 * something no catalogue type id can be.
 */
export const PALETTE_BOUNDARY = '@trust-boundary';
