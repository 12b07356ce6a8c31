/**
 * The badge put after each number: a `<vigie-badge>` element whose look lives in its own shadow root, so the
 * page's CSS cannot reach in and ours cannot leak out. The host element carries the contract attributes
 * (`data-vigie-number`, `data-vigie-level`) and is the focusable, button-like control (role, tabindex,
 * accessible name in the user's language); the shadow content is decoration.
 */
import type { Verdict } from '../../../shared/verdict.ts';
import { t } from '../i18n.ts';
import type { Lang } from '../messages.ts';
import { LEVEL_COLOURS, LEVEL_ICON } from './level-style.ts';

export const BADGE_TAG = 'vigie-badge';

const levelRules = Object.entries(LEVEL_COLOURS)
  .map(
    ([level, [bg, fg]]) =>
      `:host([data-vigie-level="${level}"]) .b{background:${bg};color:${fg};border-color:${fg === '#ffffff' ? bg : fg}}`,
  )
  .join('');

/**
 * `all: initial !important` on the host resets whatever the page's selectors (`*`, `span`, attribute
 * selectors) would set; outer !important rules lose to inner !important ones (CSS Cascade 4, §6.4.4).
 */
const BADGE_CSS = `:host{all:initial!important;display:inline-block!important;vertical-align:middle!important;margin:0 0 0 .3em!important;cursor:pointer!important;line-height:1!important;border-radius:.6em!important}
:host(:focus-visible){outline:2px solid #1a73e8!important;outline-offset:1px!important}
.b{display:inline-flex;align-items:center;gap:.25em;font:600 11px/1.3 system-ui,sans-serif;padding:1px 6px;border:1px solid;border-radius:.6em;white-space:nowrap}
:host([data-vigie-size="large"]) .b{font-size:14px;padding:3px 10px}
${levelRules}`;

let sharedSheet: CSSStyleSheet | null | undefined;

/** One constructed sheet shared by every badge (cheap for 5,000 badges); a `<style>` where that is missing. */
function badgeSheet(): CSSStyleSheet | null {
  if (sharedSheet !== undefined) return sharedSheet;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(BADGE_CSS);
    sharedSheet = sheet;
  } catch {
    sharedSheet = null;
  }
  return sharedSheet;
}

export function createBadge(verdict: Verdict, lang: Lang, size: 'normal' | 'large' = 'normal'): HTMLElement {
  const host = document.createElement(BADGE_TAG);
  host.setAttribute('role', 'button');
  host.tabIndex = 0;
  host.setAttribute('aria-haspopup', 'dialog');
  if (size === 'large') host.setAttribute('data-vigie-size', 'large');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = badgeSheet();
  if (sheet) root.adoptedStyleSheets = [sheet];
  else {
    const style = document.createElement('style');
    style.textContent = BADGE_CSS;
    root.append(style);
  }
  const body = document.createElement('span');
  body.className = 'b';
  body.setAttribute('aria-hidden', 'true');
  root.append(body);
  updateBadge(host, verdict, lang);
  return host;
}

export function updateBadge(host: HTMLElement, verdict: Verdict, lang: Lang): void {
  host.setAttribute('data-vigie-number', verdict.number);
  host.setAttribute('data-vigie-level', verdict.level);
  const label = verdict.label[lang];
  host.setAttribute('aria-label', `Vigie : ${label} — ${verdict.number}. ${t('badgeAction', lang)}`);
  const body = host.shadowRoot?.querySelector('.b');
  if (body) body.textContent = `${LEVEL_ICON[verdict.level]} ${shortLabel(verdict, lang)}`;
}

/** The badge shows the level word only; the full label (category, counts) is in the card. */
function shortLabel(verdict: Verdict, lang: Lang): string {
  const words: Record<Verdict['level'], [string, string]> = {
    danger: ['Danger', 'Danger'],
    spam: ['Indésirable', 'Spam'],
    caution: ['Prudence', 'Caution'],
    unknown: ['Inconnu', 'Unknown'],
    trusted: ['Fiable', 'Trusted'],
  };
  return words[verdict.level][lang === 'fr' ? 0 : 1];
}

export function isBadge(node: Node): node is HTMLElement {
  return node.nodeType === 1 && (node as Element).localName === BADGE_TAG;
}
