/**
 * The evidence page as a standalone HTML document (for the extension popup, which opens it in a tab to print;
 * the PWA renders the same content as a component). One company, its calls, the rules each broke, the sources.
 */
import { displayCallerNumber } from '../law/caller-id-ranges.ts';
import { describeWhen } from '../law/describe-call.ts';
import { localParts } from '../law/zoned-time.ts';
import type { CompanyReport } from './diary-report.ts';
import { diaryText } from './diary-strings.ts';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function evidenceHtml(report: CompanyReport, lang: 'fr' | 'en', timeZone: string): string {
  const tr = (k: Parameters<typeof diaryText>[1]) => diaryText(lang, k);
  const g = report.group;
  const name = g.name || tr('unknownCompany');
  const rows = g.entries
    .map((e, i) => {
      const fs = report.byEntry.get(e.id) ?? [];
      const findings =
        fs.length === 0
          ? '—'
          : `<ul>${fs
              .map(
                (f) =>
                  `<li data-vigie-finding="${esc(f.rule)}"><strong>${esc(f.rule)}</strong>${
                    f.kind === 'charter' ? ` (${esc(tr('charterNote'))})` : ''
                  }${tr('colon')}${esc(lang === 'fr' ? f.text : f.textEn)}<br><small>${esc(tr('source'))}${tr('colon')}${esc(f.source)}</small></li>`,
              )
              .join('')}</ul>`;
      const flags = [
        e.answered ? tr('answered') : tr('missed'),
        e.refused ? tr('refused') : '',
        e.silent ? tr('silent') : '',
      ]
        .filter(Boolean)
        .join(' · ');
      return `<tr><td>${i + 1}</td><td>${esc(describeWhen(localParts(e.time, timeZone))[lang])}<br><small>${esc(flags)}</small>${
        e.notes ? `<br><small>${esc(e.notes)}</small>` : ''
      }</td><td>${esc(e.masked ? tr('masked') : displayCallerNumber(e.number) || '—')}</td><td>${findings}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(tr('evidenceTitle'))} — ${esc(name)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:24px;color:#000;background:#fff}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{border:1px solid #888;padding:6px;vertical-align:top;text-align:left}
ul{margin:0;padding-left:16px}tr{break-inside:avoid}@media print{body{margin:0;font-size:11pt}}
</style></head><body data-vigie-evidence="">
<h1>${esc(tr('evidenceTitle'))} — ${esc(name)}</h1>
<p>${esc(tr('numbers'))}${tr('colon')}${esc(g.numbers.map((n) => displayCallerNumber(n)).join(', ') || '—')} · ${g.entries.length} ${esc(
    tr('calls'),
  )} · ${esc(tr('timeZone'))}${tr('colon')}${esc(timeZone)}</p>
<table><thead><tr><th>#</th><th>${esc(tr('call'))}</th><th>${esc(tr('number'))}</th><th>${esc(tr('findings'))}</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p><small>${esc(tr('generatedBy'))}</small></p>
</body></html>
`;
}
