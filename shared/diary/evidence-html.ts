/**
 * The evidence page as a standalone HTML document (the extension popup opens it in a tab to print; the PWA
 * renders the same view model as a component). A plain French document: the rule's name and what happened,
 * the article cited; one block per call so it reads on a 390 px phone as well as on A4.
 */
import { evidenceView } from '../present/diary-view.ts';
import type { Lang } from '../present/lang.ts';
import { tr } from '../present/translate.ts';
import type { CompanyReport } from './diary-report.ts';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page's CSS, shared with the PWA's component (pwa/src/diary/diary.css mirrors the class names). */
const CSS = `body{font:16px/1.45 system-ui,sans-serif;margin:0 auto;padding:16px;max-width:48rem;color:#000;background:#fff}
h1{font-size:1.3rem;margin:0 0 .5rem}h2{font-size:1.05rem;margin:0 0 .25rem}
ol.calls{list-style:none;margin:1rem 0;padding:0}li.call{border:1px solid #888;border-radius:6px;padding:8px 10px;margin:0 0 10px;break-inside:avoid}
.facts,.notes,.source{margin:.2rem 0;font-size:.92rem}ul.findings{margin:.4rem 0 0;padding-left:1.1rem}
ul.findings li{margin:.3rem 0}.none{margin:.2rem 0}p,li{overflow-wrap:anywhere}
@media print{body{padding:0;max-width:none;font-size:11pt}}`;

export function evidenceHtml(report: CompanyReport, lang: Lang, timeZone: string): string {
  const view = evidenceView(lang, report, { timeZone });
  const calls = view.company.calls
    .map((call) => {
      const findings =
        call.findings.length === 0
          ? `<p class="none">${esc(tr(lang, 'diary.noFinding'))}</p>`
          : `<ul class="findings">${call.findings
              .map(
                (f) =>
                  `<li data-vigie-finding="${esc(f.rule)}"><strong>${esc(f.title)}</strong>${
                    f.charter ? ` (${esc(tr(lang, 'diary.charterNote'))})` : ''
                  }${esc(tr(lang, 'diary.colon'))}${esc(f.text)}<br><small class="source">${esc(
                    tr(lang, 'diary.source'),
                  )}${esc(tr(lang, 'diary.colon'))}${esc(f.source)}</small></li>`,
              )
              .join('')}</ul>`;
      return `<li class="call" data-vigie-call="${call.position}"><h2>${esc(
        tr(lang, 'diary.callNumber', { n: call.position }),
      )} — ${esc(call.when)}</h2><p class="facts">${esc(call.number)} · ${esc(call.facts.join(' · '))}</p>${
        call.notes ? `<p class="notes">${esc(call.notes)}</p>` : ''
      }${findings}</li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(view.title)}</title><style>${CSS}</style></head><body data-vigie-evidence="">
<h1>${esc(view.title)}</h1>
<p>${esc(view.numbersLine)}</p>
<p>${esc(view.zoneLine)}</p>
<ol class="calls">
${calls}
</ol>
<p><small>${esc(view.footer)}</small></p>
</body></html>
`;
}
