/** MIME type the palette puts on drag data; the canvas accepts only drops that carry it. */
export const PALETTE_MIME = 'application/x-aitm-component-type';
