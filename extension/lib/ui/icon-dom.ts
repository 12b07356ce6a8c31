/** The core's SVG icons (shared/present/icons.ts) as DOM nodes, for the card built without Preact or innerHTML. */
import { type IconId, iconPaths } from '../../../shared/present/icons.ts';

const SVG = 'http://www.w3.org/2000/svg';

export function iconNode(id: IconId, size: number, knockout: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  const attrs = {
    viewBox: '0 0 24 24',
    width: `${size}`,
    height: `${size}`,
    'aria-hidden': 'true',
    focusable: 'false',
  };
  for (const [k, v] of Object.entries(attrs)) svg.setAttribute(k, v);
  for (const p of iconPaths(id, knockout)) {
    const path = document.createElementNS(SVG, 'path');
    for (const [k, v] of Object.entries(p)) path.setAttribute(k, String(v));
    svg.append(path);
  }
  return svg;
}
