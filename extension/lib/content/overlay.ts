/**
 * Overlay placement for big tables (issue 10 §3). A badge put into a cell of an auto-layout table makes the
 * browser lay out the whole table again (150–800 ms for 5,000 rows, docs/extension.md), whatever the badge's own
 * style. So when one commit would put many badges into one table, they go into a layer of ours instead: one
 * zero-size, absolutely positioned `<vigie-layer>` right after the table (it scrolls with it, and Tab reaches
 * its badges just after the table's cells), holding `<vigie-chunk>`s of a few hundred badges each, every badge
 * placed from its number's `Range` rectangle relative to the layer. The table's cells are never touched.
 *
 * Layers and chunks have `contain: layout size style`, so adding a chunk lays out that chunk alone: one chunk
 * per animation frame, its size adapted to what the last frame cost, keeps every task short. Each chunk's box
 * surrounds its badges and has `content-visibility: auto`: the browser styles, lays out and paints only the
 * chunks near the viewport (badges elsewhere stay in the DOM, the tab order and the accessibility tree). Positions are
 * read for all pending badges first (layout is clean, so reads are free of forced layouts), then written.
 * A resize of the table, of its first row's cells (the columns) or of the window, and a DOM change inside the
 * table, re-place every badge of the layer the same way (read all, then write).
 *
 * The pure parts (when to use a layer, where a badge goes, whether a layer can follow its table's scrolling)
 * are exported for unit tests.
 */
import { BADGE_TAG } from './badge.ts';

export const LAYER_TAG = 'vigie-layer';
export const CHUNK_TAG = 'vigie-chunk';
/**
 * The positioned box around each badge of a layer. Its `left`/`top` are its only own declarations: the badge in
 * it keeps no per-badge style, so every badge of a level shares one computed style (the browser's matched-
 * properties cache), where a `style` attribute on the badge itself made each one go through the whole
 * `all: initial` cascade (style recalculation was the largest cost of a layer, measured in docs/extension.md).
 */
export const SPOT_TAG = 'vigie-spot';

/**
 * Badges of one commit into one table from which they go into a layer. Inline badges cost one relayout of the
 * table; measured here (docs/extension.md) at 0.03–0.06 ms per row on a loaded machine, so a table of 200 rows
 * costs 6–12 ms, well under the 50 ms long-task threshold, while a layer has a fixed cost (one more element,
 * reads of every number's rectangle) and moves badges out of the rows. Past a few hundred badges the inline
 * relayout nears the threshold on a loaded machine: 200 keeps a margin.
 */
export const OVERLAY_MIN_BADGES = 200;
/** Rows from which a table's relayout alone is long (≈ 30–60 ms at 1,000 rows, loaded): even a few badges go over it. */
export const OVERLAY_MIN_ROWS = 1000;
/** Elements whose badges may go into a layer: tables, and grids that lay out like them. */
export const OVERLAY_HOST = 'table, [role="table"], [role="grid"], [role="treegrid"]';
/** Gap between a number's end and its badge, in CSS px (the inline badge's margin is .3em of 11px ≈ 3.3 px). */
export const BADGE_GAP = 3;

/** Work per reading task; the clock is checked every 16 reads. Well under 50 ms, so a loaded machine's overrun stays under. */
const READ_SLICE_MS = 12;
/** What one frame of ours (writing a chunk, then the browser's style, layout and paint of it) should cost. */
const FRAME_TARGET_MS = 30;
/**
 * Chunk sizes, in badges. The first chunk is small: it usually holds the rows on screen, whose badges are the
 * only ones the browser renders at once (content-visibility), so its frame is the costly one; later chunks,
 * off screen, cost mostly our script and grow with the frames' measured cost.
 */
const FIRST_CHUNK = 150;
const MIN_CHUNK = 100;
const MAX_CHUNK = 400;

export function wantsOverlay(p: { badges: number; rows: number; hasLayer: boolean }): boolean {
  return p.hasLayer || p.badges >= OVERLAY_MIN_BADGES || (p.badges > 0 && p.rows >= OVERLAY_MIN_ROWS);
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Where a badge goes in its layer (the coordinates of its left edge and vertical centre; CSS moves it up by
 * half its height): just after the end of the number's last line box, centred on that line. Both boxes are
 * viewport rectangles read in the same task, so a scroll between tasks does not matter.
 */
export function badgeSpot(number: Box, layer: { left: number; top: number }): { x: number; y: number } {
  return { x: round(number.right - layer.left + BADGE_GAP), y: round((number.top + number.bottom) / 2 - layer.top) };
}

type Spot = { x: number; y: number };

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * Room around a chunk's spots, in CSS px: a spot is a badge's left edge and vertical centre (CSS moves it up by
 * half its height, ~8 px for the icon alone), the badge reaches ~25 px to the right, and its focus ring 3 px
 * further. A chunk clips what leaves its box (content-visibility implies paint containment): generous margins.
 */
export const CHUNK_MARGIN = { left: 8, top: 24, right: 64, bottom: 24 };

/**
 * A chunk's box in its layer: around its badges' spots, with CHUNK_MARGIN. Chunks have `content-visibility:
 * auto`, so the browser styles, lays out and paints a chunk's badges only while this box is near the viewport:
 * of a 5,000-row table's chunks, those of the rows on screen. A chunk with no placed badge gets an empty box.
 */
export function chunkBox(spots: Spot[]): { left: number; top: number; width: number; height: number } {
  if (spots.length === 0) return { left: 0, top: 0, width: 0, height: 0 };
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const s of spots) {
    if (s.x < minX) minX = s.x;
    if (s.x > maxX) maxX = s.x;
    if (s.y < minY) minY = s.y;
    if (s.y > maxY) maxY = s.y;
  }
  const left = Math.floor(minX - CHUNK_MARGIN.left);
  const top = Math.floor(minY - CHUNK_MARGIN.top);
  return {
    left,
    top,
    width: Math.ceil(maxX + CHUNK_MARGIN.right) - left,
    height: Math.ceil(maxY + CHUNK_MARGIN.bottom) - top,
  };
}

/** The computed styles that decide whether an element scrolls, and whether it holds absolutely placed boxes. */
export interface ScrollStyle {
  overflowX: string;
  overflowY: string;
  position: string;
  transform: string;
  contain: string;
  filter: string;
  willChange: string;
}

const scrolls = (s: ScrollStyle) =>
  [s.overflowX, s.overflowY].some((o) => o === 'auto' || o === 'scroll' || o === 'hidden');

/** True when `s` makes its element the containing block of absolutely positioned descendants (CSS Position 3 §2). */
export function holdsAbsolute(s: ScrollStyle): boolean {
  return (
    s.position !== 'static' ||
    (s.transform !== '' && s.transform !== 'none') ||
    (s.filter !== '' && s.filter !== 'none') ||
    /\b(layout|paint|strict|content)\b/.test(s.contain) ||
    /\b(transform|filter)\b/.test(s.willChange)
  );
}

/**
 * Whether a layer put right after the host moves with the host's numbers when something scrolls. `inside` are
 * the host itself and its row groups (if one of them scrolls, its numbers move and the layer, outside it, does
 * not); `ancestors` go from the host's parent up to, not including, `<body>`. A scroller that is also the
 * layer's containing block carries the layer along; one between the host and that block does not (an
 * absolutely positioned box scrolls with its containing block, not with a scroller it merely sits in).
 */
export function layerFollowsScroll(inside: ScrollStyle[], ancestors: ScrollStyle[]): boolean {
  if (inside.some(scrolls)) return false;
  for (const s of ancestors) {
    if (holdsAbsolute(s)) return true;
    if (scrolls(s)) return false;
  }
  return true;
}

/** A number in a text node (start and end offsets), or an element (a `tel:` link), that a badge follows. */
export type OverlayTarget = { node: Text; start: number; end: number; data: string } | { element: Element };

interface Entry {
  badge: HTMLElement;
  /** Its `<vigie-spot>`, once written. */
  box: HTMLElement | null;
  target: OverlayTarget;
  /** Position in the layer, read before each write. */
  spot: Spot | null;
  chunk: HTMLElement | null;
}

function styleOf(el: Element): ScrollStyle {
  const s = getComputedStyle(el);
  return {
    overflowX: s.overflowX,
    overflowY: s.overflowY,
    position: s.position,
    transform: s.transform,
    contain: s.contain,
    filter: s.filter,
    willChange: s.willChange,
  };
}

/** The live check behind `layerFollowsScroll`: a few computed styles per table, read when it is first chosen. */
export function canFollow(host: Element): boolean {
  const inside = [host, ...[...host.children].filter((c) => /^(thead|tbody|tfoot)$/.test(c.localName))].map(styleOf);
  const ancestors: ScrollStyle[] = [];
  for (
    let el = host.parentElement;
    el && el !== document.body && el !== document.documentElement;
    el = el.parentElement
  )
    ancestors.push(styleOf(el));
  return layerFollowsScroll(inside, ancestors);
}

/** A task as soon as the event loop is free (no timer clamp). */
const soon: (cb: () => void) => void = (() => {
  if (typeof MessageChannel !== 'function') return (cb: () => void) => setTimeout(cb, 0);
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (cb: () => void) => {
    queue.push(cb);
    channel.port2.postMessage(null);
  };
})();

/**
 * The next animation frame, or a timer when frames do not come (a hidden document, a frame not rendered): a
 * badge must not wait for a frame that never comes.
 */
function nextFrame(cb: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cb();
  };
  if (typeof requestAnimationFrame === 'function' && !document.hidden) requestAnimationFrame(once);
  setTimeout(once, 100);
}

class Layer {
  readonly el: HTMLElement;
  entries: Entry[] = [];
  pending: Entry[] = [];
  /** Every entry must be read again (a resize, a change in the table). */
  stale = false;
  running = false;
  chunkSize = FIRST_CHUNK;
  private readonly sizes = new WeakMap<Element, string>();
  readonly resize: ResizeObserver | null;

  constructor(
    readonly host: Element,
    private readonly manager: OverlayManager,
  ) {
    this.el = document.createElement(LAYER_TAG);
    this.resize =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver((records) => {
            let changed = false;
            for (const r of records) {
              const size = `${r.contentRect.width}x${r.contentRect.height}`;
              // The first report of each element is its size when observed, not a change.
              if (this.sizes.has(r.target) && this.sizes.get(r.target) !== size) changed = true;
              this.sizes.set(r.target, size);
            }
            if (changed) this.manager.restale(this);
          })
        : null;
  }

  observe(): void {
    if (!this.resize) return;
    this.resize.observe(this.host);
    // The first row's cells: a column can change width while the table keeps its size.
    const firstRow = this.host instanceof HTMLTableElement ? this.host.rows[0] : null;
    for (const cell of firstRow?.cells ?? []) this.resize.observe(cell);
  }
}

export interface OverlayOptions {
  signal: AbortSignal;
  /** A badge was dropped (its number left the page or changed): the annotator forgets it. */
  onDropped(badge: HTMLElement): void;
  /** Every layer has placed its badges (the annotator updates the page's summary). */
  onIdle(): void;
}

export class OverlayManager {
  private readonly layers = new Map<Element, Layer>();
  /** Text nodes with a badge in a layer: a change of their text drops or moves that badge. */
  private readonly textLayer = new WeakMap<Node, Layer>();
  private readonly range: Range | null = typeof document !== 'undefined' ? document.createRange() : null;
  private listening = false;

  constructor(private readonly opts: OverlayOptions) {
    opts.signal.addEventListener('abort', () => {
      for (const layer of this.layers.values()) layer.resize?.disconnect();
    });
  }

  has(host: Element): boolean {
    return this.layers.has(host);
  }

  /** Queues badges for `host`'s layer (made on first use); they are placed in later tasks. */
  add(host: Element, entries: { badge: HTMLElement; target: OverlayTarget }[]): void {
    if (this.opts.signal.aborted || entries.length === 0) return;
    let layer = this.layers.get(host);
    if (!layer) {
      layer = new Layer(host, this);
      this.layers.set(host, layer);
      host.after(layer.el);
      layer.observe();
      if (!this.listening) {
        this.listening = true;
        window.addEventListener('resize', () => this.restaleAll(), { passive: true, signal: this.opts.signal });
      }
    }
    for (const e of entries) {
      layer.pending.push({ ...e, box: null, spot: null, chunk: null });
      if ('node' in e.target) this.textLayer.set(e.target.node, layer);
    }
    this.run(layer);
  }

  /** A DOM change inside a table with a layer: every badge of it is placed again. */
  noteChange(target: Node): void {
    for (const layer of this.layers.values()) if (layer.host.contains(target)) this.restale(layer);
  }

  /** A text node changed in place: if a badge of a layer follows it, that layer is placed again. */
  noteText(node: Node): void {
    const layer = this.textLayer.get(node);
    if (layer) this.restale(layer);
  }

  restale(layer: Layer): void {
    layer.stale = true;
    this.run(layer);
  }

  private restaleAll(): void {
    for (const layer of this.layers.values()) this.restale(layer);
  }

  /** Removes every layer with its badges (pause on this site). */
  removeAll(): void {
    for (const layer of this.layers.values()) {
      layer.resize?.disconnect();
      layer.el.remove();
    }
    this.layers.clear();
  }

  /** Badges waiting to be placed, across layers. */
  get busy(): boolean {
    for (const layer of this.layers.values()) if (layer.running) return true;
    return false;
  }

  private run(layer: Layer): void {
    if (layer.running || this.opts.signal.aborted) return;
    layer.running = true;
    soon(() => this.read(layer, this.nextWork(layer), 0));
  }

  /** What this pass must place: everything when stale (dropping badges whose number is gone), else the new. */
  private nextWork(layer: Layer): Entry[] {
    if (!layer.el.isConnected && layer.host.isConnected) layer.host.after(layer.el);
    if (layer.stale) {
      layer.stale = false;
      const kept: Entry[] = [];
      for (const e of layer.entries) {
        if (this.alive(e)) kept.push(e);
        else {
          e.box?.remove();
          this.opts.onDropped(e.badge);
        }
      }
      layer.entries = kept;
      return [...kept, ...layer.pending.splice(0)];
    }
    return layer.pending.splice(0);
  }

  private alive(e: Entry): boolean {
    const t = e.target;
    return 'element' in t ? t.element.isConnected : t.node.isConnected && t.node.data === t.data;
  }

  /** Reads positions in slices (no writes in between, so no layout is forced); then writes. */
  private read(layer: Layer, work: Entry[], from: number): void {
    if (this.opts.signal.aborted) return;
    if (!layer.host.isConnected) {
      this.drop(layer);
      return;
    }
    const deadline = performance.now() + READ_SLICE_MS;
    // The layer's own box, read in this task with the numbers' boxes: relative positions survive a scroll.
    const origin = layer.el.getBoundingClientRect();
    let i = from;
    while (i < work.length && performance.now() < deadline) {
      for (const end = Math.min(work.length, i + 16); i < end; i++) {
        const e = work[i]!;
        const box = this.alive(e) ? this.boxOf(e.target) : null;
        e.spot = box ? badgeSpot(box, origin) : null;
      }
    }
    if (i < work.length) soon(() => this.read(layer, work, i));
    else {
      // Placed badges are written again chunk by chunk (a chunk's box follows its badges); new ones make chunks.
      const placed = new Map<HTMLElement, Entry[]>();
      const fresh: Entry[] = [];
      for (const e of work) {
        if (!e.chunk) fresh.push(e);
        else {
          const unit = placed.get(e.chunk);
          if (unit) unit.push(e);
          else placed.set(e.chunk, [e]);
        }
      }
      nextFrame(() => this.write(layer, [...placed], fresh, 0));
    }
  }

  private boxOf(target: OverlayTarget): Box | null {
    let rects: DOMRectList;
    if ('element' in target) rects = target.element.getClientRects();
    else {
      const range = this.range!;
      range.setStart(target.node, target.start);
      range.setEnd(target.node, target.end);
      rects = range.getClientRects();
    }
    // The last line box: a number wrapped over two lines gets its badge after its end.
    const last = rects[rects.length - 1];
    return last && (last.width > 0 || last.height > 0) ? last : null;
  }

  /**
   * One slice per frame, sized to the last frame: whole chunks of placed badges (their positions, and the chunk's
   * box around them), then new badges as one new chunk.
   */
  private write(layer: Layer, placed: [HTMLElement, Entry[]][], fresh: Entry[], from: number): void {
    if (this.opts.signal.aborted) return;
    const started = performance.now();
    let budget = layer.chunkSize;
    while (placed.length > 0 && budget > 0) {
      const [chunk, entries] = placed.shift()!;
      this.place(chunk, entries);
      budget -= entries.length;
    }
    let next = from;
    if (budget > 0 && from < fresh.length) {
      next = Math.min(fresh.length, from + budget);
      const entries = fresh.slice(from, next);
      // The chunk goes in with its empty spots, then each badge into its spot: observers see badges added.
      const chunk = document.createElement(CHUNK_TAG);
      for (const e of entries) {
        e.box = document.createElement(SPOT_TAG);
        e.chunk = chunk;
        chunk.append(e.box);
        layer.entries.push(e);
      }
      this.place(chunk, entries);
      layer.el.append(chunk);
      for (const e of entries) e.box!.append(e.badge);
    }
    // This task's cost includes the frame's style, layout and paint: measured from the next task.
    soon(() => {
      const cost = performance.now() - started;
      const size = Math.round((layer.chunkSize * FRAME_TARGET_MS) / Math.max(1, cost));
      layer.chunkSize = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size));
      if (placed.length > 0 || next < fresh.length) nextFrame(() => this.write(layer, placed, fresh, next));
      else this.finish(layer);
    });
  }

  /** Sets a chunk's box around its badges' spots (see `chunkBox`) and each spot's place within it. */
  private place(chunk: HTMLElement, entries: Entry[]): void {
    const spots: Spot[] = [];
    for (const e of entries) if (e.spot) spots.push(e.spot);
    const box = chunkBox(spots);
    chunk.setAttribute(
      'style',
      `--vigie-x:${box.left}px;--vigie-y:${box.top}px;--vigie-w:${box.width}px;--vigie-h:${box.height}px`,
    );
    for (const e of entries) {
      const el = e.box!;
      const spot = e.spot;
      if (spot) {
        el.setAttribute('style', `left:${round(spot.x - box.left)}px;top:${round(spot.y - box.top)}px`);
        if (el.hidden) el.hidden = false;
      } else el.hidden = true;
    }
  }

  private finish(layer: Layer): void {
    layer.running = false;
    if (layer.stale || layer.pending.length > 0) this.run(layer);
    else if (!this.busy) this.opts.onIdle();
  }

  private drop(layer: Layer): void {
    layer.resize?.disconnect();
    layer.el.remove();
    for (const e of [...layer.entries, ...layer.pending]) this.opts.onDropped(e.badge);
    this.layers.delete(layer.host);
    if (!this.busy) this.opts.onIdle();
  }
}

export function isOverlayNode(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const name = (node as Element).localName;
  return name === LAYER_TAG || name === CHUNK_TAG || name === SPOT_TAG || name === BADGE_TAG;
}
