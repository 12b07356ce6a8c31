/**
 * Badge interactions by event delegation: one set of listeners on the window (capture phase) for every badge,
 * instead of six listeners per badge — 5,000 badges cost 30,000 fewer registrations. Capture on the window runs
 * before the page's own handlers, so a click meant for a badge stops there and a clickable row under it does
 * not also react.
 */
import type { Verdict } from '../../../shared/verdict.ts';
import { BADGE_TAG } from './badge.ts';
import type { VerdictCard } from './card.ts';

function badgeOf(target: EventTarget | null): HTMLElement | null {
  const el = target as Element | null;
  return el && typeof el.closest === 'function' ? (el.closest(BADGE_TAG) as HTMLElement | null) : null;
}

export function wireBadgeEvents(
  card: VerdictCard,
  details: (number: string) => Promise<Verdict | null>,
  signal: AbortSignal,
): void {
  const open = (badge: HTMLElement, pin: boolean) => {
    if (card.isRestoringFocus()) return;
    const number = badge.getAttribute('data-vigie-number');
    if (!number) return;
    void details(number).then((v) => {
      if (v && badge.isConnected) card.open(badge, v, pin);
    });
  };
  const options = { capture: true, signal };
  window.addEventListener(
    'click',
    (e) => {
      const badge = badgeOf(e.target);
      if (!badge) return;
      e.preventDefault();
      e.stopPropagation();
      open(badge, true);
    },
    options,
  );
  window.addEventListener(
    'keydown',
    (e) => {
      const badge = badgeOf(e.target);
      if (!badge) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        e.stopPropagation();
        open(badge, true);
      } else if (e.key === 'Escape' && card.openFor === badge) card.close(true);
    },
    options,
  );
  window.addEventListener(
    'mouseover',
    (e) => {
      const badge = badgeOf(e.target);
      if (badge && badge !== badgeOf(e.relatedTarget)) open(badge, false);
    },
    options,
  );
  window.addEventListener(
    'focusin',
    (e) => {
      const badge = badgeOf(e.target);
      if (badge) open(badge, false);
    },
    options,
  );
  const leave = (e: MouseEvent | FocusEvent) => {
    const badge = badgeOf(e.target);
    if (!badge || badge !== card.openFor) return;
    const to = e.relatedTarget as Node | null;
    if (!card.isInside(to) && badgeOf(to) !== badge) card.closePreview();
  };
  window.addEventListener('mouseout', leave, options);
  window.addEventListener('focusout', leave, options);
}
