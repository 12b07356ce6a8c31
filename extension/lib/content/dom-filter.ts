/** Which parts of a page the annotator never touches (issue 4: inputs, editable areas, scripts, own nodes). */
import { BADGE_TAG } from './badge.ts';
import { CARD_TAG } from './card.ts';
import { LAYER_TAG } from './overlay.ts';

/**
 * Elements whose whole subtree is skipped; `[data-vigie-ignore]` lets a page opt a region out. Buttons are
 * skipped too: a badge inside a button would be an interactive control nested in another.
 */
export const SKIP_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'button',
  'iframe',
  'object',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'head',
  'title',
  BADGE_TAG,
  CARD_TAG,
  LAYER_TAG,
  '[data-vigie-ignore]',
].join(',');

/**
 * Elements whose own text is not text of the page (script source, style sheets, fallback content): a text node
 * right under one is skipped by its parent's name, before any string work (a cheaper first cut than
 * `insideSkipped`, which still runs on every hit).
 */
export const RAW_TEXT_PARENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'title',
  'xmp',
]);

/** A badge is never put inside these: it goes right after them (a button inside a link is invalid HTML). */
export const INTERACTIVE =
  'a[href], label, summary, [role="button"], [role="link"], [role="menuitem"], [role="tab"], [role="option"]';

export const TEL_LINK = 'a[href^="tel:" i]';

/**
 * True when `el` or an ancestor is skipped or editable. Editable is read from the `contenteditable`
 * attribute of the nearest ancestor that has one (HTML §6.8.1: "false" ends an editing host), not from
 * `isContentEditable`, which forces a style recalculation on every call.
 */
export function insideSkipped(el: Element): boolean {
  if (!el.isConnected || el.closest(SKIP_SELECTOR)) return true;
  const host = el.closest('[contenteditable]');
  return host !== null && host.getAttribute('contenteditable')?.toLowerCase() !== 'false';
}
