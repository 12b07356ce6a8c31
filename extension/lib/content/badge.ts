/**
 * The badge put after each number: an empty `<vigie-badge>` element. Its look comes from one stylesheet of ours
 * (see badge-style.ts) and its words from CSS generated content, so it adds no text to the page (the page's own
 * scripts reading `textContent` see nothing new) and costs a few attribute writes — cheap enough for 5,000
 * badges in one idle slice (a shadow root per badge was ten times slower to create and to style; the card,
 * one at a time, keeps its shadow root).
 *
 * The element carries the contract attributes (`data-vigie-number`, `data-vigie-level`) and is the focusable,
 * button-like control: role, tabindex, and an accessible name in the user's language (aria-label).
 */
import { t } from '../i18n.ts';
import type { BadgeVerdict, Lang } from '../messages.ts';

export const BADGE_TAG = 'vigie-badge';

/** Call `ensureBadgeStyle()` once before a run of `createBadge` calls (the annotator does, per slice). */
export function createBadge(verdict: BadgeVerdict, lang: Lang, size: 'normal' | 'large' = 'normal'): HTMLElement {
  const badge = document.createElement(BADGE_TAG);
  badge.setAttribute('role', 'button');
  badge.tabIndex = 0;
  badge.setAttribute('aria-haspopup', 'dialog');
  if (size === 'large') badge.setAttribute('data-vigie-size', 'large');
  updateBadge(badge, verdict, lang);
  return badge;
}

export function updateBadge(badge: HTMLElement, verdict: BadgeVerdict, lang: Lang): void {
  badge.setAttribute('data-vigie-number', verdict.number);
  badge.setAttribute('data-vigie-level', verdict.level);
  badge.setAttribute('data-vigie-lang', lang);
  badge.setAttribute('aria-label', `Vigie : ${verdict.label[lang]} — ${verdict.number}. ${t('badgeAction', lang)}`);
}

export function isBadge(node: Node): node is HTMLElement {
  return node.nodeType === 1 && (node as Element).localName === BADGE_TAG;
}
