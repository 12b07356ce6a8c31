/** Which parts of a page the annotator never touches (issue 4: inputs, editable areas, scripts, own nodes). */
import { BADGE_TAG } from './badge.ts';
import { CARD_TAG } from './card.ts';

/** Elements whose whole subtree is skipped. */
export const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'IFRAME',
  'OBJECT',
  'SVG',
  'svg',
  'MATH',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'HEAD',
  'TITLE',
  BADGE_TAG.toUpperCase(),
  CARD_TAG.toUpperCase(),
]);

/** A badge is never put inside these: it goes right after them (a button inside a link is invalid HTML). */
export const INTERACTIVE =
  'a[href], label, summary, [role="button"], [role="link"], [role="menuitem"], [role="tab"], [role="option"]';

export const TEL_LINK = 'a[href^="tel:" i]';

export function isSkippedElement(el: Element): boolean {
  if (SKIP_TAGS.has(el.tagName)) return true;
  if ((el as HTMLElement).isContentEditable) return true;
  return el.hasAttribute('data-vigie-ignore');
}

/** True when `node` sits inside something skipped (walks up to the body; used for mutation roots). */
export function insideSkipped(node: Node): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (isSkippedElement(el)) return true;
    if (el === document.body) return false;
  }
  return !node.isConnected;
}
