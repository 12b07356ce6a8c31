/**
 * Options page: a link to the PWA's "Sur mon téléphone" guide on the crowd service, and the same address as a
 * QR code, so the guide opens on the phone that will hold the address book (docs/phone.md). The QR matrix
 * comes from qrcode-generator (Kazuhiko Arase's, no dependencies); it is drawn here as one SVG path, with no
 * HTML string injected into the page.
 */
import qrcode from 'qrcode-generator';
import type { Lang } from '../../../shared/present/lang.ts';
import { tr } from '../../../shared/present/translate.ts';

/** The guide's address on the service that serves the PWA and the address book. */
export function phoneGuideUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/?ecran=telephone`;
}

/** Quiet zone around the code: 4 modules (ISO/IEC 18004 §6.3.8). */
export const QR_MARGIN = 4;

/** The dark modules of `text` as an SVG path, one unit per module, with the quiet zone. */
export function qrPath(text: string): { size: number; path: string } {
  // Type 0 picks the smallest version that holds the text; level M survives a smudged screen.
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  let path = '';
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.isDark(row, col)) path += `M${col + QR_MARGIN} ${row + QR_MARGIN}h1v1h-1z`;
    }
  }
  return { size: count + 2 * QR_MARGIN, path };
}

export function PhoneGuideLink({ serverUrl, lang }: { serverUrl: string; lang: Lang }) {
  if (!serverUrl) return <p class="muted">{tr(lang, 'phone.extNoServer')}</p>;
  const url = phoneGuideUrl(serverUrl);
  const { size, path } = qrPath(url);
  return (
    <div class="row" style={{ alignItems: 'flex-start', gap: '1rem' }}>
      <svg
        viewBox={`0 0 ${size} ${size}`}
        width="180"
        height="180"
        role="img"
        aria-label={tr(lang, 'phone.qrLabel', { url })}
        shape-rendering="crispEdges"
        data-vigie-phone-qr={url}
      >
        <rect width={size} height={size} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
      <p>
        {tr(lang, 'phone.extIntro')}{' '}
        <a href={url} target="_blank" rel="noopener" data-vigie-phone-link="">
          {tr(lang, 'phone.extLink')}
        </a>
      </p>
    </div>
  );
}
