/**
 * Content script: runs on the known phone services and loopback (manifest), and on every other site once the
 * user grants the all-sites permission (registered at runtime by the background, see lib/background/site-access.ts).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { Verdict } from '../../shared/verdict.ts';
import { adapterForHost } from '../lib/adapters/registry.ts';
import { Annotator } from '../lib/content/annotator.ts';
import { wireBadgeEvents } from '../lib/content/badge-events.ts';
import { VerdictCard } from '../lib/content/card.ts';
import { knownSiteMatches } from '../lib/known-sites.ts';
import type {
  BackgroundRequest,
  BadgeVerdict,
  ContentRequest,
  HelloAnswer,
  Lang,
  ReportAnswer,
} from '../lib/messages.ts';

const send = <T>(message: BackgroundRequest): Promise<T> => browser.runtime.sendMessage(message) as Promise<T>;

export default defineContentScript({
  matches: knownSiteMatches(),
  allFrames: true,
  runAt: 'document_idle',
  async main(ctx) {
    // The manifest script and the runtime-registered one share this isolated world: run once per frame.
    const flag = '__vigieAnnotator';
    const scope = globalThis as unknown as Record<string, boolean>;
    if (scope[flag]) return;
    scope[flag] = true;

    let hello: HelloAnswer;
    try {
      hello = await send<HelloAnswer>({ type: 'hello', host: location.host });
    } catch {
      return;
    }
    let lang: Lang = hello.lang;
    const region = hello.region;
    const card = new VerdictCard(() => lang, {
      report: (draft) =>
        send<ReportAnswer>({ type: 'report', draft }).then((r) => ({
          ok: r.ok,
          sent: r.sent,
          message: r.error?.[lang === 'fr' ? 'message' : 'messageEn'],
        })),
      personal: (number, kind) => send<{ ok: boolean }>({ type: 'personal-add', number, kind }).then((r) => r.ok),
    });
    // Full verdicts for the card, asked when a card opens and kept until the lists change.
    const details = new Map<string, Promise<Verdict | null>>();
    const detailsOf = (number: string) => {
      let p = details.get(number);
      if (!p) {
        p = send<{ verdict: Verdict | null }>({ type: 'details', number })
          .then((r) => r.verdict)
          .catch(() => null);
        details.set(number, p);
      }
      return p;
    };
    wireBadgeEvents(card, detailsOf, ctx.signal);
    let annotator: Annotator | null = null;
    let controller: AbortController | null = null;
    const startAnnotating = () => {
      if (annotator || !document.body) return;
      controller = new AbortController();
      ctx.onInvalidated(() => controller?.abort());
      annotator = new Annotator({
        classify: (numbers) =>
          send<{ verdicts: Record<string, BadgeVerdict> }>({ type: 'classify', numbers }).then((r) => r.verdicts),
        lang: () => lang,
        region: () => region,
        adapter: adapterForHost(location.hostname),
        onSummary: (dangerous) => {
          if (window === window.top) void send({ type: 'page-summary', dangerous }).catch(() => {});
        },
        signal: controller.signal,
      });
      annotator.start();
    };
    const stopAnnotating = () => {
      controller?.abort();
      annotator?.removeBadges();
      card.close(false);
      annotator = null;
      if (window === window.top) void send({ type: 'page-summary', dangerous: 0 }).catch(() => {});
    };
    if (hello.enabled) startAnnotating();

    // Close a card when the user clicks elsewhere.
    document.addEventListener(
      'click',
      (e) => {
        const path = e.composedPath();
        if (card.openFor && !path.includes(card.openFor) && !path.some((n) => card.isInside(n as Node)))
          card.close(false);
      },
      { capture: true, signal: ctx.signal },
    );

    browser.runtime.onMessage.addListener((message: unknown, _sender, respond) => {
      const m = message as ContentRequest & { lang?: Lang };
      if (m.type === 'page-numbers') {
        respond({ numbers: annotator?.pageNumbers() ?? [], enabled: annotator !== null, host: location.host });
        return;
      }
      if (m.type === 'refresh') {
        if (m.lang) lang = m.lang;
        details.clear();
        void annotator?.refresh();
        return;
      }
      if (m.type === 'pause') {
        if (m.paused) stopAnnotating();
        else startAnnotating();
      }
    });
  },
});
