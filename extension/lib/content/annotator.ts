/**
 * The page annotator: finds numbers (text and `tel:` links, plus an adapter's rows), asks the background for
 * verdicts in batches, and puts one badge after each occurrence.
 *
 * Scheduling (issue 4): the MutationObserver callback only queues the changed nodes; scanning and DOM writes
 * run in idle callbacks (`requestIdleCallback` with a timeout, so a busy page still gets badges within
 * 500 ms) in slices (MAX_SLICE_MS for a scan, INSERT_SLICE_MS for a task that inserts), so no task grows past
 * the 50 ms long-task threshold. Badges are built off-document first and put in place only once every verdict
 * is in, in back-to-back tasks, so the page lays out once for all of them (a table re-lays out every row when
 * a cell changes: 150–300 ms here for 5,000 rows, which used to come two or three times). One message per batch carries every new number of the frame; verdicts are
 * cached per frame, so a number is asked once. docs/extension.md describes the steps and their measured costs.
 *
 * Big tables (a commit of many badges into one table, overlay.ts): the badges go into a layer of ours after the
 * table instead of its cells, so the table is never laid out again.
 */
import { findPhoneNumbers, mightContainPhoneNumber, numberFromTelHref } from '../../../shared/number/find-in-text.ts';
import { normalize } from '../../../shared/number/normalize.ts';
import type { SiteAdapter } from '../adapters/adapter.ts';
import type { BadgeVerdict, Lang, PageNumber } from '../messages.ts';
import { createBadge, isBadge, updateBadge } from './badge.ts';
import { ensureBadgeStyle } from './badge-style.ts';
import { INTERACTIVE, insideSkipped, RAW_TEXT_PARENTS, TEL_LINK } from './dom-filter.ts';
import { canFollow, isOverlayNode, OVERLAY_HOST, OverlayManager, type OverlayTarget, wantsOverlay } from './overlay.ts';

/**
 * Work per slice: what the browser says is idle (up to 50 ms on a quiet page, requestIdleCallback spec §5)
 * capped at MAX_SLICE_MS, and at least MIN_SLICE_MS when the idle callback timed out on a busy page. The cap
 * keeps every task under the 50 ms long-task threshold (W3C Long Tasks API) with room for an overrun: on a
 * loaded machine a slice of 36 ms became a 45–60 ms task (the system takes the core mid-slice), one of 24 ms
 * stays under 50.
 */
const MAX_SLICE_MS = 24;
const MIN_SLICE_MS = 10;
/**
 * Badges are prepared and put in place with a fixed budget, whatever the idle deadline: each rendering frame
 * that follows a task of insertions costs the page a style-and-layout pass (a whole table's, for badges in
 * table cells), so fewer, fuller tasks finish sooner. Under the 50 ms long-task threshold with the same margin.
 */
const INSERT_SLICE_MS = 24;
/** Idle callbacks run at the latest after this, which keeps dynamic numbers under the 500 ms target. */
const IDLE_TIMEOUT_MS = 120;
/** Ask the background before the scan ends when this many numbers wait: its answer overlaps the rest of the scan. */
const EARLY_BATCH = 500;
/** Past this many found numbers waiting, insert even though the scan goes on (very long pages). */
const MAX_WAITING = 20_000;
/** Past this many nodes added by one mutation record, their parent is scanned instead (see `take`). */
const BULK_CHILDREN = 32;
/** Elements a row badge is appended into rather than put after. */
const CONTAINERS = 'td, th, li, [role="gridcell"], [role="cell"]';

export interface AnnotatorOptions {
  classify(numbers: string[]): Promise<Record<string, BadgeVerdict>>;
  lang(): Lang;
  region(): string;
  adapter: SiteAdapter | null;
  onSummary?(dangerous: number): void;
  signal: AbortSignal;
}

type Item =
  | { kind: 'text'; node: Text; data: string; hits: { start: number; end: number; number: string }[] }
  | { kind: 'after'; anchor: Element; number: string; size: 'normal' | 'large' };

/** An item with its badges built; `host` is the table its badges could go over (see `route`), found while preparing. */
type Prepared = { item: Item; badges: HTMLElement[]; host: Element | null };

/**
 * A new task as soon as the event loop is free (a MessageChannel message: no 4 ms timer clamp, no wait for an
 * idle period). Insertion slices follow each other this way, so the page usually lays out once after all of
 * them instead of once per slice (an idle callback only comes after the frame that lays out the last slice).
 */
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

const idle: (cb: (d: IdleDeadline) => void, opts: IdleRequestOptions) => number =
  typeof requestIdleCallback === 'function'
    ? (cb, opts) => requestIdleCallback(cb, opts)
    : (cb) => setTimeout(() => cb({ didTimeout: true, timeRemaining: () => 0 }), 16) as unknown as number;

export class Annotator {
  private readonly roots = new Set<Node>();
  private walker: TreeWalker | null = null;
  private readonly items: Item[] = [];
  private readonly verdicts = new Map<string, BadgeVerdict>();
  private readonly inFlight = new Set<string>();
  /**
   * Numbers of queued items neither answered nor asked yet, kept as items are queued: a walk of every item per
   * slice to find them cost 5,000 × slices look-ups on a big table.
   */
  private readonly unasked = new Set<string>();
  /** Whether some queued item has all its verdicts: known, or to be worked out again (see `hasReadyItem`). */
  private readyState: 'yes' | 'no' | 'unknown' = 'no';
  /** Text nodes already handled, with the text they had: a later change of text means a rescan. */
  private readonly doneText = new WeakMap<Text, string>();
  /** Links and adapter rows already badged, with the number they had. */
  private readonly doneAnchors = new WeakMap<Element, string>();
  private readonly badges = new Set<HTMLElement>();
  /** Ready items with their badges built, waiting to be put in place in one run (see `insert`). */
  private readonly prepared: Prepared[] = [];
  /** Prepared items not yet sorted between inline places and overlay layers (see `route`). */
  private unrouted = false;
  private readonly overlay: OverlayManager;
  private scheduled = false;
  private observer: MutationObserver | null = null;
  private lastSummary = -1;
  /** tel: links, plus the adapter's rows and incoming-call panel. */
  private readonly ownedSelector: string;

  constructor(private readonly opts: AnnotatorOptions) {
    const a = opts.adapter;
    this.ownedSelector = [TEL_LINK, a?.rowSelector, a?.incomingSelector].filter(Boolean).join(', ');
    opts.signal.addEventListener('abort', () => this.stop());
    this.overlay = new OverlayManager({
      signal: opts.signal,
      onDropped: (badge) => this.badges.delete(badge),
      onIdle: () => {
        if (this.items.length === 0 && this.prepared.length === 0) this.summarise();
      },
    });
  }

  private observedRoot: Element | null = null;

  start(root: Element = document.body): void {
    this.queue(root);
    this.observedRoot = root;
    this.observer = new MutationObserver((records) => {
      // Only queue: no DOM reads beyond the records themselves (issue 4).
      this.take(records);
      this.schedule();
    });
    this.observe();
  }

  private observe(): void {
    this.observer?.observe(this.observedRoot!, { childList: true, subtree: true, characterData: true });
  }

  private take(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type === 'characterData') {
        this.roots.add(r.target);
        this.overlay.noteText(r.target);
        continue;
      }
      // Our overlay's own writes (a layer put after its table, chunks and badges added to it).
      if (isOverlayNode(r.target) || (ours(r.addedNodes) && ours(r.removedNodes))) continue;
      // Rows added, removed or moved in a table with a layer: its badges are placed again.
      this.overlay.noteChange(r.target);
      // Many children at once (innerHTML, a page of rows): one walk of their parent costs far less than one
      // walk per child (5,000 rows: one TreeWalker instead of 5,000); text already scanned is skipped.
      if (r.addedNodes.length > BULK_CHILDREN) this.roots.add(r.target);
      else for (const n of r.addedNodes) if (!isBadge(n)) this.roots.add(n);
    }
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.roots.clear();
    this.items.length = 0;
    this.unasked.clear();
    this.readyState = 'no';
    for (const p of this.prepared) this.forget(p.badges);
    this.prepared.length = 0;
    this.walker = null;
  }

  /** Removes every badge (pause on this site). */
  removeBadges(): void {
    for (const b of this.badges) b.remove();
    this.badges.clear();
    this.overlay.removeAll();
  }

  /** The numbers on the page with their levels, for the popup. */
  pageNumbers(): PageNumber[] {
    const byNumber = new Map<string, PageNumber>();
    for (const b of this.badges) {
      if (!b.isConnected) continue;
      const v = this.verdicts.get(b.getAttribute('data-vigie-number') ?? '');
      if (!v) continue;
      const entry = byNumber.get(v.number);
      if (entry) entry.count++;
      else byNumber.set(v.number, { number: v.number, level: v.level, label: v.label, count: 1 });
    }
    return [...byNumber.values()];
  }

  verdictOf(number: string): BadgeVerdict | undefined {
    return this.verdicts.get(number);
  }

  /** Asks again for every number on the page (personal lists or the crowd list changed) and updates badges. */
  async refresh(): Promise<void> {
    const numbers = [...this.verdicts.keys()];
    if (numbers.length === 0) return;
    const fresh = await this.opts.classify(numbers);
    for (const [n, v] of Object.entries(fresh)) this.verdicts.set(n, v);
    const lang = this.opts.lang();
    for (const b of this.badges) {
      const v = this.verdicts.get(b.getAttribute('data-vigie-number') ?? '');
      if (v) updateBadge(b, v, lang);
    }
    this.summarise();
  }

  private queue(node: Node): void {
    this.roots.add(node);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.opts.signal.aborted) return;
    this.scheduled = true;
    idle((d) => this.work(d), { timeout: IDLE_TIMEOUT_MS });
  }

  private work(idleDeadline: IdleDeadline): void {
    this.scheduled = false;
    if (this.opts.signal.aborted) return;
    const budget = Math.min(MAX_SLICE_MS, Math.max(MIN_SLICE_MS, idleDeadline.timeRemaining()));
    const start = performance.now();
    const deadline = start + budget;
    this.scan(deadline);
    const scanning = this.walker !== null || this.roots.size > 0;
    this.requestVerdicts(scanning);
    // While the scan runs, badges wait: inserting them now would cost the page one more layout pass per slice.
    if (!scanning || this.items.length >= MAX_WAITING) {
      this.insert(Math.max(deadline, start + INSERT_SLICE_MS));
      if (!scanning && this.anyReady()) {
        this.continueInsert();
        return;
      }
    }
    if (this.walker !== null || this.roots.size > 0 || this.anyReady()) this.schedule();
    else if (this.items.length === 0 && this.prepared.length === 0) this.summarise();
  }

  /** Further insertion slices, one task each, back to back (see `soon`): one page layout for all of them. */
  private continueInsert(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    soon(() => {
      this.scheduled = false;
      if (this.opts.signal.aborted) return;
      // Page changes queued meanwhile go through the idle path (scan first, then insert).
      if (this.walker !== null || this.roots.size > 0) {
        this.schedule();
        return;
      }
      this.insert(performance.now() + INSERT_SLICE_MS);
      if (this.anyReady()) this.continueInsert();
      // Items still waiting for verdicts: the answer schedules the next slice.
      else if (this.items.length === 0 && this.prepared.length === 0) this.summarise();
    });
  }

  /** Insertion work that can run now: ready items to prepare, or prepared badges with no verdict on its way. */
  private anyReady(): boolean {
    return this.hasReadyItem() || (this.prepared.length > 0 && this.inFlight.size === 0);
  }

  /** Worked out again only after verdicts came or items left the queue, not on every call. */
  private hasReadyItem(): boolean {
    if (this.readyState === 'unknown') this.readyState = this.items.some((i) => this.ready(i)) ? 'yes' : 'no';
    return this.readyState === 'yes';
  }

  /** Queues an item, noting its numbers still to ask for and whether it can be badged now. */
  private enqueue(item: Item): void {
    this.items.push(item);
    let ready = true;
    const note = (n: string) => {
      if (this.verdicts.has(n)) return;
      ready = false;
      if (!this.inFlight.has(n)) this.unasked.add(n);
    };
    if (item.kind === 'text') for (const h of item.hits) note(h.number);
    else note(item.number);
    if (ready) this.readyState = 'yes';
  }

  private scan(deadline: number): void {
    while (performance.now() < deadline) {
      if (!this.walker) {
        const next = this.roots.values().next();
        if (next.done) return;
        this.roots.delete(next.value);
        this.startWalk(next.value);
        continue;
      }
      // Check the clock every 16 nodes: performance.now() is cheap, and a slice of 128 nodes with numbers
      // overran the budget by ~10 ms on a loaded machine.
      for (let k = 0; k < 16; k++) {
        const node = this.walker.nextNode();
        if (!node) {
          this.walker = null;
          break;
        }
        this.visit(node as Text);
      }
    }
  }

  /**
   * Text nodes are walked natively (SHOW_TEXT, no JS filter: a filter callback per node cost more than the
   * scan); only the rare text that passes the digit pre-filter pays for the ancestor checks. Links and adapter
   * rows are found with one querySelectorAll per root.
   */
  private startWalk(root: Node): void {
    if (!root.isConnected || isBadge(root)) return;
    if (root.nodeType === 3) {
      this.visit(root as Text);
      return;
    }
    if (root.nodeType !== 1) return;
    const el = root as Element;
    if (insideSkipped(el)) return;
    const owner = el.closest(this.ownedSelector);
    if (owner) {
      this.visitOwned(owner);
      return;
    }
    for (const owned of el.querySelectorAll(this.ownedSelector)) {
      if (!insideSkipped(owned)) this.visitOwned(owned);
    }
    this.walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  }

  private visit(text: Text): void {
    const data = text.data;
    if (data.length < 8 || !mightContainPhoneNumber(data)) return;
    if (this.doneText.get(text) === data) return;
    this.doneText.set(text, data);
    const parent = text.parentElement;
    // Script and style text first, by its parent's name alone (no ancestor walk): a page's inline data (a JSON
    // blob of its rows, say) is one huge text node full of numbers, whose scan cost ~1 s in a single task on the
    // benchmark's page before being dropped by the ancestor check below.
    if (!parent || RAW_TEXT_PARENTS.has(parent.localName)) return;
    // The string work next: most candidates (dates, codes) end here, before any ancestor walk.
    const found = findPhoneNumbers(data, this.opts.region(), { check: 'possible' });
    if (found.length === 0) return;
    if (insideSkipped(parent)) return;
    // Text inside a tel: link or an adapter row belongs to that element's single badge.
    if (parent.closest(this.ownedSelector)) return;
    this.enqueue({ kind: 'text', node: text, data, hits: found });
  }

  /** A `tel:` link or an adapter row/panel: one badge right after it (or after its number's text). */
  private visitOwned(el: Element): void {
    if (el.matches(TEL_LINK)) {
      const number = numberFromTelHref(el.getAttribute('href') ?? '', this.opts.region());
      if (!number || this.doneAnchors.get(el) === number) return;
      this.doneAnchors.set(el, number);
      this.enqueue({ kind: 'after', anchor: el, number, size: 'normal' });
      return;
    }
    const adapter = this.opts.adapter;
    if (!adapter) return;
    const raw = adapter.numberText?.(el) ?? el.textContent;
    const number = raw ? this.numberIn(raw) : null;
    if (!number || this.doneAnchors.get(el) === number) return;
    this.doneAnchors.set(el, number);
    const size = adapter.incomingSelector && el.matches(adapter.incomingSelector) ? 'large' : 'normal';
    this.enqueue({ kind: 'after', anchor: adapter.badgeAnchor?.(el) ?? this.anchorIn(el, number), number, size });
  }

  private numberIn(raw: string): string | null {
    if (/^tel:/i.test(raw.trim())) return numberFromTelHref(raw, this.opts.region());
    const found = findPhoneNumbers(raw, this.opts.region());
    if (found[0]) return found[0].number;
    const n = normalize(raw.trim(), this.opts.region());
    return n.ok && !n.value.isShort ? n.value.number : null;
  }

  /** Where a row's badge goes: after the element whose text holds the number, else at the row's end. */
  private anchorIn(row: Element, number: string): Element {
    const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const hit = findPhoneNumbers((n as Text).data, this.opts.region()).some((f) => f.number === number);
      if (hit && n.parentElement) return n.parentElement;
    }
    return row.lastElementChild ?? row;
  }

  private numbersOf(item: Item): string[] {
    return item.kind === 'text' ? item.hits.map((h) => h.number) : [item.number];
  }

  private ready(item: Item): boolean {
    if (item.kind === 'after') return this.verdicts.has(item.number);
    for (const h of item.hits) if (!this.verdicts.has(h.number)) return false;
    return true;
  }

  private requestVerdicts(scanning: boolean): void {
    if (this.unasked.size === 0 || (scanning && this.unasked.size < EARLY_BATCH)) return;
    const batch = [...this.unasked];
    this.unasked.clear();
    for (const n of batch) this.inFlight.add(n);
    this.opts
      .classify(batch)
      .then((answer) => {
        for (const [n, v] of Object.entries(answer)) this.verdicts.set(n, v);
        this.readyState = 'unknown';
      })
      .catch(() => {
        // Background unreachable (extension reloaded): leave these numbers without a badge.
      })
      .finally(() => {
        for (const n of batch) this.inFlight.delete(n);
        // Numbers of this batch the background could not classify get no badge: drop their items. Only this
        // batch's: an item found while the batch was on its way has numbers not asked yet, and dropping it lost
        // its badges (under load the scan outlasts the first early batch; the benchmark then waited forever).
        const refused = new Set(batch.filter((n) => !this.verdicts.has(n)));
        if (refused.size > 0) {
          const kept = this.items.filter((item) => !this.numbersOf(item).some((n) => refused.has(n)));
          this.items.length = 0;
          for (const item of kept) this.items.push(item);
          this.readyState = 'unknown';
        }
        this.schedule();
      });
  }

  /**
   * Two phases, so the page sees all our writes in as few tasks as possible (each task that writes is followed,
   * sooner or later, by a layout of the page — a whole table's when badges go into cells): **prepare** builds
   * the badges of ready items off-document (no layout is dirtied, so it may take several slices), then
   * **commit** only puts them in place: about a third of the cost per badge, so 5,000 fit in one task.
   */
  private insert(deadline: number): void {
    // A task either prepares or commits, so a commit always starts with a whole slice of its own.
    if (this.hasReadyItem() && this.prepared.length < MAX_WAITING) {
      this.prepare(deadline);
      return;
    }
    // Commit once no verdict is on its way (else the late ones would cost the page a second layout), or when
    // too much waits.
    if (this.prepared.length > 0 && (this.inFlight.size === 0 || this.prepared.length >= MAX_WAITING))
      this.commit(deadline);
  }

  private prepare(deadline: number): void {
    if (!this.hasReadyItem()) return;
    // Adopting our sheet invalidates styles: here the browser restyles in its next frame, not inside the
    // commit's task (where the overlay's first style read would have forced it).
    ensureBadgeStyle();
    const lang = this.opts.lang();
    const waiting: Item[] = [];
    let i = 0;
    for (; i < this.items.length && performance.now() < deadline; i++) {
      const item = this.items[i]!;
      if (!this.ready(item)) waiting.push(item);
      else if (item.kind === 'after') {
        const badges = [this.badge(this.verdicts.get(item.number)!, lang, item.size)];
        this.prepared.push({ item, badges, host: this.overlayHostOf(item) });
      } else {
        const badges = item.hits.map((h) => this.badge(this.verdicts.get(h.number)!, lang, 'normal'));
        this.prepared.push({ item, badges, host: this.overlayHostOf(item) });
      }
    }
    if (i > waiting.length) this.unrouted = true;
    // One splice per slice, not one per item: 5,000 items would otherwise cost O(n²) moves.
    this.items.splice(0, i, ...waiting);
    // Items past the deadline were not looked at: the next call works it out (from the front: the waiting ones
    // first, then the rest, usually ready).
    this.readyState = this.items.length > waiting.length ? 'unknown' : 'no';
  }

  /** Puts prepared badges in place until the deadline (at least a few, so a slow page still progresses). */
  private commit(deadline: number): void {
    const lang = this.opts.lang();
    // Our own insertions would come back as mutation records: keep the page's pending ones, then stop
    // observing while we write (only our code runs meanwhile, so no page change is missed).
    if (this.observer) {
      this.take(this.observer.takeRecords());
      this.observer.disconnect();
    }
    ensureBadgeStyle();
    if (this.unrouted) this.route();
    let i = 0;
    try {
      for (; i < this.prepared.length && (i < 64 || performance.now() < deadline); i++) {
        const { item, badges } = this.prepared[i]!;
        this.place(item, badges, lang);
      }
    } finally {
      if (this.observer) this.observe();
    }
    this.prepared.splice(0, i);
  }

  /**
   * Sends the prepared badges of big tables to overlay layers (overlay.ts): per table, those of this commit
   * when they are many (or the table is long, or already has a layer) and a layer after it can follow its
   * scrolling; the rest stay inline. Adapter rows always stay inline (their badge place is the adapter's).
   */
  private route(): void {
    this.unrouted = false;
    const counts = new Map<Element, number>();
    for (const { host, badges } of this.prepared) if (host) counts.set(host, (counts.get(host) ?? 0) + badges.length);
    const chosen = new Set<Element>();
    for (const [host, n] of counts) {
      const hasLayer = this.overlay.has(host);
      const rows = host instanceof HTMLTableElement ? host.rows.length : 0;
      if (wantsOverlay({ badges: n, rows, hasLayer }) && (hasLayer || canFollow(host))) chosen.add(host);
    }
    if (chosen.size === 0) return;
    const inline: Prepared[] = [];
    const byHost = new Map<Element, { badge: HTMLElement; target: OverlayTarget }[]>();
    for (let k = 0; k < this.prepared.length; k++) {
      const p = this.prepared[k]!;
      const host = p.host;
      if (!host || !chosen.has(host)) {
        inline.push(p);
        continue;
      }
      let list = byHost.get(host);
      if (!list) {
        list = [];
        byHost.set(host, list);
      }
      const { item, badges } = p;
      if (item.kind === 'after') list.push({ badge: badges[0]!, target: { element: item.anchor } });
      else if (!item.node.isConnected || item.node.data !== item.data) this.forget(badges);
      else {
        for (let h = 0; h < item.hits.length; h++) {
          const hit = item.hits[h]!;
          list.push({
            badge: badges[h]!,
            target: { node: item.node, start: hit.start, end: hit.end, data: item.data },
          });
        }
      }
    }
    this.prepared.length = 0;
    for (const p of inline) this.prepared.push(p);
    for (const [host, entries] of byHost) this.overlay.add(host, entries);
  }

  /** The table an item's badges could go over: text and `tel:` links in one, not adapter rows. */
  private overlayHostOf(item: Item): Element | null {
    if (item.kind === 'text') return item.node.parentElement?.closest(OVERLAY_HOST) ?? null;
    return item.anchor.matches(TEL_LINK) ? item.anchor.closest(OVERLAY_HOST) : null;
  }

  /** `badges` in the order of the item's hits (one for an `after` item). */
  private place(item: Item, badges: HTMLElement[], lang: Lang): void {
    if (item.kind === 'after') {
      const badge = badges[0]!;
      if (!item.anchor.isConnected) {
        this.forget(badges);
        return;
      }
      // Inside a cell or list item the badge goes at its end (a badge between two cells is invalid HTML).
      const inside = item.anchor.matches(CONTAINERS);
      const neighbour = inside ? item.anchor.lastChild : item.anchor.nextSibling;
      if (neighbour && isBadge(neighbour) && neighbour.getAttribute('data-vigie-number') === item.number) {
        updateBadge(neighbour, this.verdicts.get(item.number)!, lang);
        this.forget(badges);
        return;
      }
      if (inside) item.anchor.append(badge);
      else item.anchor.after(badge);
      return;
    }
    const { node, data, hits } = item;
    if (!node.isConnected || node.data !== data) {
      this.forget(badges);
      return;
    }
    const interactive = node.parentElement?.closest(INTERACTIVE) ?? null;
    const textEnd = data.trimEnd().length;
    for (let k = hits.length - 1; k >= 0; k--) {
      const hit = hits[k]!;
      const badge = badges[k]!;
      if (interactive) {
        interactive.after(badge);
      } else if (k === hits.length - 1 && hit.end >= textEnd) {
        // The number ends the text (a table cell, a list line): no need to split the text node.
        node.after(badge);
      } else {
        const rest = node.splitText(hit.end);
        this.doneText.set(rest, rest.data);
        rest.before(badge);
      }
    }
    this.doneText.set(node, node.data);
  }

  private forget(badges: HTMLElement[]): void {
    for (const b of badges) this.badges.delete(b);
  }

  private badge(verdict: BadgeVerdict, lang: Lang, size: 'normal' | 'large'): HTMLElement {
    const b = createBadge(verdict, lang, size);
    this.badges.add(b);
    return b;
  }

  private summarise(): void {
    const dangerous = new Set<string>();
    for (const b of this.badges) {
      const level = b.getAttribute('data-vigie-level');
      if (b.isConnected && (level === 'danger' || level === 'spam'))
        dangerous.add(b.getAttribute('data-vigie-number')!);
    }
    if (dangerous.size !== this.lastSummary) {
      this.lastSummary = dangerous.size;
      this.opts.onSummary?.(dangerous.size);
    }
  }
}

/** True when every node of the list is one of our overlay's (layer, chunk, badge). */
function ours(nodes: NodeList): boolean {
  for (const n of nodes) if (!isOverlayNode(n)) return false;
  return true;
}
