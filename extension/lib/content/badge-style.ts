/**
 * The badges' stylesheet: one constructed sheet adopted by the document (not a `<style>` element in the page's
 * DOM). Every selector starts with `vigie-badge`, so nothing leaks onto the page; every declaration is
 * `!important` after `all: initial`, and adopted sheets come last in the author cascade, so page rules of equal
 * or lower specificity (`*`, `span`, `td *`) cannot restyle a badge. Words come from generated content, per level
 * and language: an icon and a word, readable without colour; colours keep a 4.5:1 contrast (level-style.ts).
 */
import type { Level } from '../../../shared/verdict.ts';
import { LEVEL_COLOURS, LEVEL_ICON } from './level-style.ts';
import { CHUNK_TAG, LAYER_TAG, SPOT_TAG } from './overlay.ts';

export const LEVEL_WORDS: Record<Level, { fr: string; en: string }> = {
  danger: { fr: 'Danger', en: 'Danger' },
  spam: { fr: 'Indésirable', en: 'Spam' },
  caution: { fr: 'Prudence', en: 'Caution' },
  unknown: { fr: 'Inconnu', en: 'Unknown' },
  trusted: { fr: 'Fiable', en: 'Trusted' },
};

function css(): string {
  const rules = [
    'vigie-badge{all:initial!important;display:inline-block!important;vertical-align:middle!important;margin:0 0 0 .3em!important;padding:1px 6px!important;border:1px solid!important;border-radius:.6em!important;font:600 11px/1.3 system-ui,sans-serif!important;white-space:nowrap!important;cursor:pointer!important;text-align:left!important}',
    'vigie-badge[data-vigie-size="large"]{font-size:14px!important;padding:3px 10px!important}',
    'vigie-badge:focus-visible{outline:2px solid #1a73e8!important;outline-offset:1px!important}',
    // The overlay of big tables (overlay.ts): zero-size boxes whose contents are laid out on their own, so a
    // chunk of badges added costs that chunk's layout, never the page's.
    `${LAYER_TAG},${CHUNK_TAG}{all:initial!important;display:block!important;position:absolute!important;contain:layout size style!important}`,
    `${LAYER_TAG}{width:0!important;height:0!important}`,
    // A chunk's box surrounds its badges (overlay.ts chunkBox; custom properties, which `all` leaves alone, so
    // no page rule can move it): off screen, the browser skips its badges' style, layout and paint.
    `${CHUNK_TAG}{left:var(--vigie-x,0)!important;top:var(--vigie-y,0)!important;width:var(--vigie-w,0)!important;height:var(--vigie-h,0)!important;content-visibility:auto!important}`,
    `${LAYER_TAG}{will-change:transform!important}`,
    // A spot is placed by its own `left`/`top` (the only per-badge declarations, see overlay.ts SPOT_TAG) and
    // centred on the line of the number; the badge in it fills it.
    `${SPOT_TAG}{position:absolute!important;display:block!important;margin:0!important;padding:0!important;border:0!important;transform:translateY(-50%)!important}`,
    `${SPOT_TAG}[hidden]{display:none!important}`,
    `${LAYER_TAG} vigie-badge{display:block!important;margin:0!important;padding:0 4px!important}`,
  ];
  for (const [level, [bg, fg]] of Object.entries(LEVEL_COLOURS) as [Level, [string, string]][]) {
    const border = fg === '#ffffff' ? bg : fg;
    rules.push(
      `vigie-badge[data-vigie-level="${level}"]{background:${bg}!important;color:${fg}!important;border-color:${border}!important}`,
    );
    for (const lang of ['fr', 'en'] as const) {
      rules.push(
        `vigie-badge[data-vigie-level="${level}"][data-vigie-lang="${lang}"]::before{content:"${LEVEL_ICON[level]} ${LEVEL_WORDS[level][lang]}"!important}`,
      );
    }
    // In the overlay the badge takes no space in the table, so it covers what follows the number: the icon
    // alone keeps that to a few pixels (the word is in its accessible name and in the card its hover opens).
    rules.push(
      `${LAYER_TAG} vigie-badge[data-vigie-level="${level}"][data-vigie-lang]::before{content:"${LEVEL_ICON[level]}"!important}`,
    );
  }
  return rules.join('\n');
}

let sheet: CSSStyleSheet | null = null;
let fallback: HTMLStyleElement | null = null;

/** Adds the sheet once per document, and again if the page replaced `document.adoptedStyleSheets`. */
export function ensureBadgeStyle(): void {
  if (sheet && document.adoptedStyleSheets.includes(sheet)) return;
  if (fallback?.isConnected) return;
  try {
    sheet ??= new CSSStyleSheet();
    if (sheet.cssRules.length === 0) sheet.replaceSync(css());
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // Browsers where a content script cannot adopt sheets: a <style> element at the end of the document.
    sheet = null;
    fallback = document.createElement('style');
    fallback.setAttribute('data-vigie', '');
    fallback.textContent = css();
    document.documentElement.append(fallback);
  }
}
