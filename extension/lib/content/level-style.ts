/**
 * How each level looks: an icon and a word (readable without colour), and colours whose contrast with their
 * text is at least 4.5:1 (WCAG 2.2 SC 1.4.3), so axe-core finds no contrast issue.
 */
import type { Level } from '../../../shared/verdict.ts';

export const LEVEL_ICON: Record<Level, string> = {
  danger: '✖',
  spam: '⚠',
  caution: '!',
  unknown: '?',
  trusted: '✓',
};

/** [background, text] */
export const LEVEL_COLOURS: Record<Level, [string, string]> = {
  danger: ['#b00020', '#ffffff'],
  spam: ['#a34700', '#ffffff'],
  caution: ['#fff3c4', '#4d3800'],
  unknown: ['#eceff1', '#263238'],
  trusted: ['#1b5e20', '#ffffff'],
};
