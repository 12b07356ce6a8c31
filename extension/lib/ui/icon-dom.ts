/** The core's SVG icons (shared/present/icons.ts) as DOM nodes, for the card built without Preact or innerHTML. */
import { ICONS, type IconId } from '../../../shared/present/icons.ts';

const SVG = 'http://www.w3.org/2000/svg';

export function iconNode(id: IconId, size: number, knockout: string): SVGSVGElement {
  const shape = ICONS[id];
  const svg = document.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({ viewBox: '0 0 24 24', width: `${size}`, height: `${size}` })) {
    svg.setAttribute(k, v);
  }
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of shape.fill) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', 'currentColor');
    svg.append(path);
  }
  for (const d of shape.stroke) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', shape.knockout ? knockout : 'currentColor');
    path.setAttribute('stroke-width', '2');
    path.setAttribute('stroke-linecap', 'round');
    path.setAttribute('stroke-linejoin', 'round');
    svg.append(path);
  }
  return svg;
}
