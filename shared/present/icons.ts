/**
 * Icons as inline SVG data, drawn here on a 24-unit grid (no font needed: ⛔ showed as an empty box where no
 * emoji font is installed). Each view turns this into its own markup (Preact `<svg>`, DOM nodes, an HTML
 * string); the shapes are plain circles, polygons and strokes, in `currentColor`.
 */
import type { Level } from '../verdict.ts';

export type IconId =
  | 'danger'
  | 'spam'
  | 'caution'
  | 'unknown'
  | 'trusted'
  | 'search'
  | 'history'
  | 'list'
  | 'diary'
  | 'settings'
  | 'phone';

export interface IconShape {
  /** Filled shapes (path data), drawn first. */
  fill: string[];
  /** Strokes (path data), 2 units wide, round caps, drawn over the fills in the background colour when `knockout`. */
  stroke: string[];
  /** Strokes cut through the fill (drawn in the card's background) rather than beside it. */
  knockout: boolean;
}

const OCTAGON = 'M8 2h8l6 6v8l-6 6H8l-6-6V8z';
const TRIANGLE = 'M12 2.5 23 21.5H1z';
const CIRCLE = 'M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20z';

export const ICONS: Record<IconId, IconShape> = {
  // A stop sign with a bar: the danger level.
  danger: { fill: [OCTAGON], stroke: ['M7 12h10'], knockout: true },
  // A warning triangle with "!".
  spam: { fill: [TRIANGLE], stroke: ['M12 9v6', 'M12 18.5v.01'], knockout: true },
  // A circle with "!".
  caution: { fill: [CIRCLE], stroke: ['M12 6.5v7', 'M12 17.5v.01'], knockout: true },
  // A circle with "?".
  unknown: {
    fill: [CIRCLE],
    stroke: ['M9.2 9.2a2.9 2.9 0 1 1 3.9 2.7c-.8.3-1.1.9-1.1 1.7v.6', 'M12 17.5v.01'],
    knockout: true,
  },
  // A circle with a tick.
  trusted: { fill: [CIRCLE], stroke: ['M7 12.5l3.2 3.2L17 9'], knockout: true },
  search: { fill: [], stroke: ['M10.5 3.5a7 7 0 1 0 0 14a7 7 0 1 0 0-14z', 'M15.5 15.5 21 21'], knockout: false },
  history: { fill: [], stroke: ['M4 12a8 8 0 1 0 2.4-5.7', 'M4 4v4h4', 'M12 8v4.5l3 2'], knockout: false },
  list: {
    fill: [],
    stroke: ['M8 6h13', 'M8 12h13', 'M8 18h13', 'M3.5 6h.01', 'M3.5 12h.01', 'M3.5 18h.01'],
    knockout: false,
  },
  diary: { fill: [], stroke: ['M5 3h11l3 3v15H5z', 'M9 9h6', 'M9 13h6', 'M9 17h4'], knockout: false },
  settings: {
    fill: [],
    stroke: [
      'M12 9a3 3 0 1 0 0 6a3 3 0 1 0 0-6z',
      'M12 2v3',
      'M12 19v3',
      'M2 12h3',
      'M19 12h3',
      'M4.9 4.9l2.1 2.1',
      'M17 17l2.1 2.1',
      'M4.9 19.1 7 17',
      'M17 7l2.1-2.1',
    ],
    knockout: false,
  },
  phone: {
    fill: [],
    stroke: ['M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z'],
    knockout: false,
  },
};

export const LEVEL_ICONS: Record<Level, IconId> = {
  danger: 'danger',
  spam: 'spam',
  caution: 'caution',
  unknown: 'unknown',
  trusted: 'trusted',
};

/** One `<path>` of an icon, with its attributes, for any markup (Preact, DOM, an HTML string). */
export interface IconPath {
  d: string;
  fill: string;
  stroke?: string;
  'stroke-width'?: string;
  'stroke-linecap'?: 'round';
  'stroke-linejoin'?: 'round';
}

/** The paths of `id`; knockout strokes (the "!" in a triangle) take `knockout`, the colour behind the icon. */
export function iconPaths(id: IconId, knockout: string): IconPath[] {
  const shape = ICONS[id];
  return [
    ...shape.fill.map((d) => ({ d, fill: 'currentColor' })),
    ...shape.stroke.map((d) => ({
      d,
      fill: 'none',
      stroke: shape.knockout ? knockout : 'currentColor',
      'stroke-width': '2',
      'stroke-linecap': 'round' as const,
      'stroke-linejoin': 'round' as const,
    })),
  ];
}

/** The icon as an SVG string, for HTML documents. */
export function iconSvg(id: IconId, size = 20, knockout = '#fff'): string {
  const paths = iconPaths(id, knockout)
    .map(
      (p) =>
        `<path ${Object.entries(p)
          .map(([k, v]) => `${k}="${v}"`)
          .join(' ')}/>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="${size}" height="${size}" aria-hidden="true" focusable="false">${paths}</svg>`;
}
