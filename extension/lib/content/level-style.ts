/**
 * How a badge shows each level: a glyph in the badge's CSS `content` (a pseudo-element cannot hold SVG markup;
 * these glyphs are in every system font, unlike ⛔) and a word; cards and the popup draw the core's SVG icons.
 */
import type { Level } from '../../../shared/verdict.ts';

export const LEVEL_ICON: Record<Level, string> = {
  danger: '✖',
  spam: '⚠',
  caution: '!',
  unknown: '?',
  trusted: '✓',
};

/** [background, text]: the core's pair (shared/present/level-style.ts), one palette for every view. */
export { LEVEL_COLOURS } from '../../../shared/present/level-style.ts';
