/**
 * The pure parts of the big-table overlay (extension/lib/content/overlay.ts): when badges go into a layer,
 * where a badge goes relative to its layer, and whether a layer after a table follows the table's scrolling.
 * Expected values are worked out by hand from the rules in docs/extension.md and CSS Position 3.
 */
import { describe, expect, it } from 'vitest';
import {
  BADGE_GAP,
  badgeSpot,
  CHUNK_MARGIN,
  chunkBox,
  holdsAbsolute,
  layerFollowsScroll,
  OVERLAY_MIN_BADGES,
  OVERLAY_MIN_ROWS,
  type ScrollStyle,
  wantsOverlay,
} from '../../extension/lib/content/overlay.ts';

const plain: ScrollStyle = {
  overflowX: 'visible',
  overflowY: 'visible',
  position: 'static',
  transform: 'none',
  contain: 'none',
  filter: 'none',
  willChange: 'auto',
};
const style = (s: Partial<ScrollStyle>): ScrollStyle => ({ ...plain, ...s });

describe('wantsOverlay', () => {
  it('keeps small tables inline and sends big commits, long tables and tables with a layer to the overlay', () => {
    expect(OVERLAY_MIN_BADGES).toBe(200);
    expect(OVERLAY_MIN_ROWS).toBe(1000);
    expect(wantsOverlay({ badges: 11, rows: 12, hasLayer: false })).toBe(false);
    expect(wantsOverlay({ badges: 199, rows: 199, hasLayer: false })).toBe(false);
    expect(wantsOverlay({ badges: 200, rows: 200, hasLayer: false })).toBe(true);
    expect(wantsOverlay({ badges: 5000, rows: 5000, hasLayer: false })).toBe(true);
    // A 1,000-row table relays out long even for one badge; a table already with a layer keeps using it.
    expect(wantsOverlay({ badges: 1, rows: 1000, hasLayer: false })).toBe(true);
    expect(wantsOverlay({ badges: 1, rows: 999, hasLayer: false })).toBe(false);
    expect(wantsOverlay({ badges: 1, rows: 20, hasLayer: true })).toBe(true);
    expect(wantsOverlay({ badges: 0, rows: 5000, hasLayer: false })).toBe(false);
  });
});

describe('badgeSpot', () => {
  it('puts the badge just after the number, centred on its line, relative to the layer', () => {
    expect(BADGE_GAP).toBe(3);
    // Number from x 100 to 180, y 40 to 58 in the viewport; layer at (16, 500): x = 180 - 16 + 3, y = 49 - 500.
    expect(badgeSpot({ left: 100, top: 40, right: 180, bottom: 58 }, { left: 16, top: 500 })).toEqual({
      x: 167,
      y: -451,
    });
    // Sub-pixel boxes are kept to a tenth of a pixel.
    expect(badgeSpot({ left: 0, top: 10.04, right: 50.26, bottom: 20.1 }, { left: 0.5, top: 0 })).toEqual({
      x: 52.8,
      y: 15.1,
    });
  });
});

describe('layerFollowsScroll', () => {
  it('follows the page scroll and a positioned scroller, not an unpositioned one between', () => {
    // Table in the page: only the viewport scrolls.
    expect(layerFollowsScroll([plain, plain], [plain, plain])).toBe(true);
    // In a scroller that is positioned: it is the layer's containing block, so the layer scrolls with it.
    expect(layerFollowsScroll([plain], [style({ overflowY: 'auto', position: 'relative' })])).toBe(true);
    // In an unpositioned scroller inside a positioned block: the layer belongs to the outer block.
    expect(layerFollowsScroll([plain], [style({ overflowY: 'auto' }), style({ position: 'relative' })])).toBe(false);
    // A transformed ancestor is a containing block too, so a scroller above it does not matter.
    expect(
      layerFollowsScroll([plain], [style({ transform: 'matrix(1, 0, 0, 1, 0, 0)' }), style({ overflowY: 'scroll' })]),
    ).toBe(true);
    // overflow: hidden scrolls too (by script); clip does not.
    expect(layerFollowsScroll([plain], [style({ overflowX: 'hidden' })])).toBe(false);
    expect(layerFollowsScroll([plain], [style({ overflowX: 'clip' })])).toBe(true);
    // The table or a row group scrolls itself: its numbers move, a layer outside it would not.
    expect(layerFollowsScroll([style({ overflowY: 'auto' })], [])).toBe(false);
    expect(layerFollowsScroll([plain, style({ overflowY: 'scroll' })], [])).toBe(false);
  });

  it('knows which styles make a containing block for absolutely positioned boxes', () => {
    expect(holdsAbsolute(plain)).toBe(false);
    for (const s of [
      { position: 'relative' },
      { position: 'sticky' },
      { transform: 'matrix(1, 0, 0, 1, 0, 0)' },
      { filter: 'blur(1px)' },
      { contain: 'layout' },
      { contain: 'paint' },
      { contain: 'strict' },
      { willChange: 'transform' },
    ])
      expect(holdsAbsolute(style(s)), JSON.stringify(s)).toBe(true);
    expect(holdsAbsolute(style({ contain: 'size' }))).toBe(false);
    expect(holdsAbsolute(style({ willChange: 'opacity' }))).toBe(false);
  });
});

describe('chunkBox', () => {
  it('surrounds every spot with the margins, in whole pixels', () => {
    expect(CHUNK_MARGIN).toEqual({ left: 8, top: 24, right: 64, bottom: 24 });
    // Spots from x 100 to 300.5 and y 10 to 1,010.2: left 92, top -14, right ceil(364.5) = 365, bottom 1,035.
    expect(
      chunkBox([
        { x: 100, y: 10 },
        { x: 300.5, y: 500 },
        { x: 150, y: 1010.2 },
      ]),
    ).toEqual({ left: 92, top: -14, width: 273, height: 1049 });
  });

  it('gives an empty box to a chunk with no placed badge', () => {
    expect(chunkBox([])).toEqual({ left: 0, top: 0, width: 0, height: 0 });
  });
});
