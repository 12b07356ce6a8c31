/**
 * The page annotator: finds numbers (text and `tel:` links, plus an adapter's rows), asks the background for
 * verdicts in batches, and puts one badge after each occurrence.
 *
 * Scheduling (issue 4): the MutationObserver callback only queues the changed nodes; scanning and DOM writes
 * run in idle callbacks (`requestIdleCallback` with a timeout, so a busy page still gets badges within
 * 500 ms) in slices of at most SLICE_MS, so no task grows past the 50 ms long-task threshold. One message per
 * batch carries every new number of the frame; verdicts are cached per frame, so a number is asked once.
 */
import { findPhoneNumbers, mightContainPhoneNumber, numberFromTelHref } from '../../../shared/number/find-in-text.ts';
import { normalize } from '../../../shared/number/normalize.ts';
import type { Verdict } from '../../../shared/verdict.ts';
import type { SiteAdapter } from '../adapters/adapter.ts';
import type { Lang, PageNumber } from '../messages.ts';
import { createBadge, isBadge, updateBadge } from './badge.ts';
import type { VerdictCard } from './card.ts';
import { INTERACTIVE, insideSkipped, isSkippedElement, TEL_LINK } from './dom-filter.ts';

/** Work per idle slice. Well under the 50 ms long-task threshold (W3C Long Tasks API) with room for layout. */
const SLICE_MS = 12;
/** Idle callbacks run at the latest after this, which keeps dynamic numbers under the 500 ms target. */
const IDLE_TIMEOUT_MS = 120;
/** Ask the background before the scan ends when this many numbers wait, so long pages show badges early. */
const EARLY_BATCH = 2000;
/** Elements a row badge is appended into rather than put after. */
const CONTAINERS = 'td, th, li, [role="gridcell"], [role="cell"]';

export interface AnnotatorOptions {
  classify(numbers: string[]): Promise<Record<string, Verdict>>;
  lang(): Lang;
  region(): string;
  adapter: SiteAdapter | null;
  card: VerdictCard | null;
  onSummary?(dangerous: number): void;
  signal: AbortSignal;
}

type Item =
  | { kind: 'text'; node: Text; data: string; hits: { start: number; end: number; number: string }[] }
  | { kind: 'after'; anchor: Element; number: string; size: 'normal' | 'large' };

const idle: (cb: (d: IdleDeadline) => void, opts: IdleRequestOptions) => number =
  typeof requestIdleCallback === 'function'
    ? (cb, opts) => requestIdleCallback(cb, opts)
    : (cb) => setTimeout(() => cb({ didTimeout: true, timeRemaining: () => 0 }), 16) as unknown as number;

export class Annotator {
  private readonly roots = new Set<Node>();
  private walker: TreeWalker | null = null;
  private readonly items: Item[] = [];
  private readonly verdicts = new Map<string, Verdict>();
  private readonly inFlight = new Set<string>();
  /** Text nodes already handled, with the text they had: a later change of text means a rescan. */
  private readonly doneText = new WeakMap<Text, string>();
  /** Links and adapter rows already badged, with the number they had. */
  private readonly doneAnchors = new WeakMap<Element, string>();
  private readonly badges = new Set<HTMLElement>();
  private scheduled = false;
  private observer: MutationObserver | null = null;
  private lastSummary = -1;
  private rowSelector: string | null;

  constructor(private readonly opts: AnnotatorOptions) {
    const a = opts.adapter;
    this.rowSelector = a ? [a.rowSelector, a.incomingSelector].filter(Boolean).join(', ') : null;
    opts.signal.addEventListener('abort', () => this.stop());
  }

  start(root: Element = document.body): void {
    this.queue(root);
    this.observer = new MutationObserver((records) => {
      // Only queue: no DOM reads beyond the records themselves (issue 4).
      for (const r of records) {
        if (r.type === 'characterData') this.roots.add(r.target);
        else for (const n of r.addedNodes) if (!isBadge(n)) this.roots.add(n);
      }
      this.schedule();
    });
    this.observer.observe(root, { childList: true, subtree: true, characterData: true });
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.roots.clear();
    this.items.length = 0;
    this.walker = null;
  }

  /** Removes every badge (pause on this site). */
  removeBadges(): void {
    for (const b of this.badges) b.remove();
    this.badges.clear();
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

  verdictOf(number: string): Verdict | undefined {
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
    idle(() => this.work(), { timeout: IDLE_TIMEOUT_MS });
  }

  private work(): void {
    this.scheduled = false;
    if (this.opts.signal.aborted) return;
    const deadline = performance.now() + SLICE_MS;
    this.scan(deadline);
    const scanning = this.walker !== null || this.roots.size > 0;
    this.requestVerdicts(scanning);
    this.insert(deadline);
    if (this.walker !== null || this.roots.size > 0 || this.items.some((i) => this.ready(i))) this.schedule();
    else if (this.items.length === 0) this.summarise();
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
      // Check the clock every 64 nodes: performance.now() is cheap but not free.
      for (let k = 0; k < 64; k++) {
        const node = this.walker.nextNode();
        if (!node) {
          this.walker = null;
          break;
        }
        this.visit(node);
      }
    }
  }

  private startWalk(root: Node): void {
    if (!root.isConnected || isBadge(root)) return;
    if (insideSkipped(root)) return;
    const parent = root.nodeType === 1 ? (root as Element) : root.parentElement;
    // A change inside a tel: link or an adapter row: handle that element as a whole.
    const owner = parent?.closest(this.rowSelector ? `${TEL_LINK}, ${this.rowSelector}` : TEL_LINK);
    if (owner) {
      this.visitOwned(owner);
      return;
    }
    if (root.nodeType === 3) {
      this.visit(root);
      return;
    }
    if (root.nodeType !== 1) return;
    this.walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => {
        if (n.nodeType === 3) return NodeFilter.FILTER_ACCEPT;
        const el = n as Element;
        if (isSkippedElement(el)) return NodeFilter.FILTER_REJECT;
        if (this.isOwned(el)) {
          this.visitOwned(el);
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_SKIP;
      },
    });
    // The root itself is not offered by nextNode(): check it here.
    const el = root as Element;
    if (isSkippedElement(el)) this.walker = null;
    else if (this.isOwned(el)) {
      this.walker = null;
      this.visitOwned(el);
    }
  }

  private isOwned(el: Element): boolean {
    return el.matches(TEL_LINK) || (this.rowSelector !== null && el.matches(this.rowSelector));
  }

  private visit(node: Node): void {
    const text = node as Text;
    const data = text.data;
    if (data.length < 6 || !mightContainPhoneNumber(data)) return;
    if (this.doneText.get(text) === data) return;
    const found = findPhoneNumbers(data, this.opts.region());
    this.doneText.set(text, data);
    if (found.length === 0) return;
    this.items.push({ kind: 'text', node: text, data, hits: found });
  }

  /** A `tel:` link or an adapter row/panel: one badge right after it (or after its number's text). */
  private visitOwned(el: Element): void {
    if (el.matches(TEL_LINK)) {
      const number = numberFromTelHref(el.getAttribute('href') ?? '', this.opts.region());
      if (!number || this.doneAnchors.get(el) === number) return;
      this.doneAnchors.set(el, number);
      this.items.push({ kind: 'after', anchor: el, number, size: 'normal' });
      return;
    }
    const adapter = this.opts.adapter;
    if (!adapter) return;
    const raw = adapter.numberText?.(el) ?? el.textContent;
    const number = raw ? this.numberIn(raw) : null;
    if (!number || this.doneAnchors.get(el) === number) return;
    this.doneAnchors.set(el, number);
    const size = adapter.incomingSelector && el.matches(adapter.incomingSelector) ? 'large' : 'normal';
    this.items.push({ kind: 'after', anchor: adapter.badgeAnchor?.(el) ?? this.anchorIn(el, number), number, size });
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
    return this.numbersOf(item).every((n) => this.verdicts.has(n));
  }

  private requestVerdicts(scanning: boolean): void {
    const missing = new Set<string>();
    for (const item of this.items) {
      for (const n of this.numbersOf(item)) if (!this.verdicts.has(n) && !this.inFlight.has(n)) missing.add(n);
    }
    if (missing.size === 0 || (scanning && missing.size < EARLY_BATCH)) return;
    const batch = [...missing];
    for (const n of batch) this.inFlight.add(n);
    this.opts
      .classify(batch)
      .then((answer) => {
        for (const [n, v] of Object.entries(answer)) this.verdicts.set(n, v);
      })
      .catch(() => {
        // Background unreachable (extension reloaded): leave these numbers without a badge.
      })
      .finally(() => {
        for (const n of batch) this.inFlight.delete(n);
        // Numbers the background could not classify get no badge; drop their items.
        for (let i = this.items.length - 1; i >= 0; i--) {
          const item = this.items[i]!;
          if (this.numbersOf(item).some((n) => !this.verdicts.has(n) && !this.inFlight.has(n))) this.items.splice(i, 1);
        }
        this.schedule();
      });
  }

  private insert(deadline: number): void {
    const lang = this.opts.lang();
    let i = 0;
    while (i < this.items.length && performance.now() < deadline) {
      const item = this.items[i]!;
      if (!this.ready(item)) {
        i++;
        continue;
      }
      this.items.splice(i, 1);
      if (item.kind === 'after') {
        if (!item.anchor.isConnected) continue;
        const verdict = this.verdicts.get(item.number)!;
        // Inside a cell or list item the badge goes at its end (a badge between two cells is invalid HTML).
        const inside = item.anchor.matches(CONTAINERS);
        const neighbour = inside ? item.anchor.lastChild : item.anchor.nextSibling;
        if (neighbour && isBadge(neighbour) && neighbour.getAttribute('data-vigie-number') === item.number) {
          updateBadge(neighbour, verdict, lang);
          continue;
        }
        const badge = this.badge(verdict, lang, item.size);
        if (inside) item.anchor.append(badge);
        else item.anchor.after(badge);
        continue;
      }
      const { node, data, hits } = item;
      if (!node.isConnected || node.data !== data) continue;
      const interactive = node.parentElement?.closest(INTERACTIVE) ?? null;
      for (let k = hits.length - 1; k >= 0; k--) {
        const hit = hits[k]!;
        const badge = this.badge(this.verdicts.get(hit.number)!, lang, 'normal');
        if (interactive) {
          interactive.after(badge);
        } else {
          const rest = node.splitText(hit.end);
          this.doneText.set(rest, rest.data);
          rest.before(badge);
        }
      }
      this.doneText.set(node, node.data);
    }
  }

  private badge(verdict: Verdict, lang: Lang, size: 'normal' | 'large'): HTMLElement {
    const b = createBadge(verdict, lang, size);
    this.badges.add(b);
    const card = this.opts.card;
    if (card) {
      const open = (pin: boolean) => {
        const v = this.verdicts.get(b.getAttribute('data-vigie-number') ?? '');
        if (v) card.open(b, v, pin);
      };
      // The page's own handlers (a clickable row) must not also react to a click meant for the badge.
      b.addEventListener('click', (e) => {
        e.preventDefault();
        e.stopPropagation();
        open(true);
      });
      b.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          e.stopPropagation();
          open(true);
        } else if (e.key === 'Escape') card.close(true);
      });
      b.addEventListener('mouseenter', () => open(false));
      b.addEventListener('focus', () => open(false));
      b.addEventListener('mouseleave', (e) => {
        if (!card.isInside(e.relatedTarget as Node | null)) card.closePreview();
      });
      b.addEventListener('blur', (e) => {
        if (!card.isInside(e.relatedTarget as Node | null)) card.closePreview();
      });
    }
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
