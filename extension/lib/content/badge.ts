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

/**
 * Prototypes per level, language and size, with every attribute that does not depend on the number: a badge is
 * one shallow `cloneNode` plus two attribute writes (number and accessible name) instead of `createElement` and
 * six writes, which keeps the preparation of 5,000 badges short (the annotator builds them before it puts any
 * in place, see annotator.ts `insert`).
 */
const prototypes = new Map<string, HTMLElement>();

function prototypeOf(verdict: BadgeVerdict, lang: Lang, size: 'normal' | 'large'): HTMLElement {
  const key = `${verdict.level} ${lang} ${size}`;
  let proto = prototypes.get(key);
  if (!proto || proto.ownerDocument !== document) {
    proto = document.createElement(BADGE_TAG);
    proto.setAttribute('role', 'button');
    proto.tabIndex = 0;
    proto.setAttribute('aria-haspopup', 'dialog');
    if (size === 'large') proto.setAttribute('data-vigie-size', 'large');
    proto.setAttribute('data-vigie-level', verdict.level);
    proto.setAttribute('data-vigie-lang', lang);
    prototypes.set(key, proto);
  }
  return proto;
}

/** Call `ensureBadgeStyle()` once before a run of `createBadge` calls (the annotator does, per slice). */
export function createBadge(verdict: BadgeVerdict, lang: Lang, size: 'normal' | 'large' = 'normal'): HTMLElement {
  const badge = prototypeOf(verdict, lang, size).cloneNode(false) as HTMLElement;
  badge.setAttribute('data-vigie-number', verdict.number);
  badge.setAttribute('aria-label', ariaLabel(verdict, lang));
  return badge;
}

function ariaLabel(verdict: BadgeVerdict, lang: Lang): string {
  return `Vigie : ${verdict.label[lang]} — ${verdict.number}. ${t('badgeAction', lang)}`;
}

export function updateBadge(badge: HTMLElement, verdict: BadgeVerdict, lang: Lang): void {
  badge.setAttribute('data-vigie-number', verdict.number);
  badge.setAttribute('data-vigie-level', verdict.level);
  badge.setAttribute('data-vigie-lang', lang);
  badge.setAttribute('aria-label', ariaLabel(verdict, lang));
}

export function isBadge(node: Node): node is HTMLElement {
  return node.nodeType === 1 && (node as Element).localName === BADGE_TAG;
}
