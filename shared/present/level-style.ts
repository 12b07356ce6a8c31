/**
 * How each level looks: an icon and a word (readable without colour), and colours whose contrast with their
 * text is at least 4.5:1 (WCAG 2.2 SC 1.4.3), so axe-core finds no contrast issue. Views use the token as a class
 * name or a CSS custom property and the pair where they draw colours themselves (the extension's badges).
 */
import type { Level } from '../verdict.ts';

/** [background, text]. */
export const LEVEL_COLOURS: Record<Level, readonly [background: string, text: string]> = {
  danger: ['#b00020', '#ffffff'],
  spam: ['#a34700', '#ffffff'],
  caution: ['#fff3c4', '#4d3800'],
  unknown: ['#eceff1', '#263238'],
  trusted: ['#1b5e20', '#ffffff'],
};

/** The colour token: `level-danger` as a class, `--vigie-level-danger` as a custom property. */
export function levelToken(level: Level): string {
  return `level-${level}`;
}
