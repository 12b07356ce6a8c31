/**
 * The verdict card shown from a badge: one `<vigie-card>` host at the end of the document with an open shadow
 * root (page CSS cannot style it, ours cannot leak), a non-modal dialog with the verdict, its reasons and the
 * actions *Signaler*, *Pas du spam*, *Bloquer*, *Toujours autoriser*. Opens on hover or focus (preview) and on
 * click, Enter or Space (pinned, focus moves in); Escape closes and gives focus back to the badge.
 */
import { deviceTimeZone } from '../../../shared/present/dates.ts';
import { COMMENT_MAX, checkReportDraft } from '../../../shared/present/report-draft.ts';
import { tr } from '../../../shared/present/translate.ts';
import { verdictView } from '../../../shared/present/verdict-view.ts';
import { CATEGORIES, type Category, type Verdict } from '../../../shared/verdict.ts';
import { t } from '../i18n.ts';
import type { DetailedVerdict, Lang, ReportDraft } from '../messages.ts';
import { iconNode } from '../ui/icon-dom.ts';

export const CARD_TAG = 'vigie-card';

export interface CardActions {
  report(draft: ReportDraft): Promise<{ ok: boolean; sent: boolean; message?: string }>;
  personal(number: string, kind: 'allow' | 'block'): Promise<boolean>;
}

const CARD_CSS = `:host{all:initial!important;position:absolute!important;z-index:2147483647!important;display:block!important;left:var(--vigie-x)!important;top:var(--vigie-y)!important}
.c{font:13px/1.4 system-ui,sans-serif;color:#1f2328;background:#fff;border:1px solid #8c959f;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.25);padding:10px 12px;width:300px;max-width:90vw}
h2{font-size:14px;margin:0 0 4px;display:flex;gap:6px;align-items:center}
.lv{border-radius:6px;padding:1px 6px;font-size:12px}
.n{font-variant-numeric:tabular-nums;margin:0 0 6px;color:#1f2328}
ul{margin:4px 0 8px;padding-left:18px}li{margin:2px 0}
.src{color:#57606a;font-size:12px}
.a{display:flex;flex-wrap:wrap;gap:6px}
button{font:inherit;font-size:12px;padding:4px 8px;border-radius:6px;border:1px solid #57606a;background:#f6f8fa;color:#1f2328;cursor:pointer}
button:focus-visible,select:focus-visible,textarea:focus-visible{outline:2px solid #1a73e8;outline-offset:1px}
.x{position:absolute;top:6px;right:6px;border:none;background:none;font-size:16px;padding:2px 6px}
form{display:grid;gap:6px;margin-top:8px}
label{display:grid;gap:2px;font-size:12px}
select,textarea{font:inherit;font-size:12px;border:1px solid #57606a;border-radius:4px;padding:3px;color:#1f2328;background:#fff}
.m{margin-top:6px;font-size:12px;color:#0b5d1e}
.demo{margin:0 0 6px;font-size:12px;color:#4d3800;background:#fff3c4;border-radius:4px;padding:2px 6px}
.lv{display:inline-flex;align-items:center}`;

export class VerdictCard {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private badge: HTMLElement | null = null;
  private pinned = false;
  /** Set while focus goes back to the badge, so that focus does not reopen a preview. */
  private restoring = false;

  constructor(
    private readonly lang: () => Lang,
    private readonly actions: CardActions,
  ) {}

  /** True while focus goes back to a badge after Escape (that focus must not reopen a preview). */
  isRestoringFocus(): boolean {
    return this.restoring;
  }

  get openFor(): HTMLElement | null {
    return this.badge;
  }

  isInside(node: Node | null): boolean {
    return !!node && !!this.host && (node === this.host || this.host.contains(node));
  }

  open(badge: HTMLElement, verdict: DetailedVerdict, pin: boolean): void {
    if (this.restoring) return;
    if (this.badge === badge && this.host?.isConnected) {
      if (pin && !this.pinned) this.pin();
      return;
    }
    this.close(false);
    this.badge = badge;
    this.pinned = false;
    badge.setAttribute('aria-expanded', 'true');
    const host = document.createElement(CARD_TAG);
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = CARD_CSS;
    root.append(style, this.render(verdict));
    document.documentElement.append(host);
    this.host = host;
    this.root = root;
    this.place();
    if (pin) this.pin();
  }

  private pin(): void {
    this.pinned = true;
    this.root?.querySelector<HTMLElement>('.a button')?.focus();
  }

  close(restoreFocus: boolean): void {
    const badge = this.badge;
    this.host?.remove();
    this.host = null;
    this.root = null;
    this.badge = null;
    this.pinned = false;
    if (badge) {
      badge.setAttribute('aria-expanded', 'false');
      if (restoreFocus) {
        this.restoring = true;
        badge.focus();
        this.restoring = false;
      }
    }
  }

  /** Closes a preview (hover/focus), never a card the user pinned by clicking. */
  closePreview(): void {
    if (!this.pinned) this.close(false);
  }

  private place(): void {
    if (!this.host || !this.badge) return;
    const r = this.badge.getBoundingClientRect();
    const left = Math.max(
      4,
      Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - 320),
    );
    // Custom properties: `all: initial` on :host (which beats page styles) does not reset them (CSS Cascade 4 §3.2).
    this.host.style.setProperty('--vigie-x', `${left}px`);
    this.host.style.setProperty('--vigie-y', `${r.bottom + window.scrollY + 4}px`);
  }

  private render(verdict: DetailedVerdict): HTMLElement {
    const lang = this.lang();
    const view = verdictView(lang, verdict, verdict.view ?? {});
    const card = el('div', {
      class: 'c',
      role: 'dialog',
      'aria-modal': 'false',
      'aria-labelledby': 'vigie-card-title',
      'data-vigie-number': view.number,
    });
    card.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.close(true);
      }
    });
    const [bg, fg] = view.colours;
    const level = el('span', { class: 'lv', style: `background:${bg};color:${fg}` });
    level.append(iconNode(view.icon, 16, bg));
    const title = el('h2', { id: 'vigie-card-title' });
    title.append(level, document.createTextNode(view.title));
    const close = el('button', { class: 'x', type: 'button', 'aria-label': t('close', lang) }, '×');
    close.addEventListener('click', () => this.close(true));
    const number = el('p', { class: 'n' }, view.numberDisplay);
    const notes: HTMLElement[] = [];
    if (view.demo) notes.push(el('p', { class: 'demo', 'data-vigie-demo': '' }, view.demo));
    if (view.yourReport) notes.push(el('p', { class: 'm' }, `${view.yourReport.said} ${view.yourReport.next}`));
    const reasons = el('ul', { 'aria-label': tr(lang, 'reasons') });
    for (const reason of view.reasons) {
      const li = el('li', {}, reason.text);
      li.append(el('span', { class: 'src' }, ` — ${reason.source}`));
      reasons.append(li);
    }
    for (const line of view.crowdLines) reasons.append(el('li', {}, line));
    if (view.operator) reasons.append(el('li', {}, `${view.operator.line} ${view.operator.note}`));
    const message = el('p', { class: 'm', role: 'status' });
    const actions = el('div', { class: 'a' });
    const say = (text: string) => {
      message.textContent = text;
    };
    const reportButton = button(t('report', lang), () => this.toggleForm(card, verdict, say));
    const notSpam = button(t('notSpam', lang), async () => {
      const r = await this.actions.report({ number: verdict.number, category: 'legit' });
      say(r.ok ? t(r.sent ? 'sent' : 'queued', lang) : `${t('failed', lang)} ${r.message ?? ''}`);
    });
    const block = button(t('block', lang), async () => {
      say((await this.actions.personal(verdict.number, 'block')) ? t('blocked', lang) : t('failed', lang));
    });
    const allow = button(t('alwaysAllow', lang), async () => {
      say((await this.actions.personal(verdict.number, 'allow')) ? t('allowed', lang) : t('failed', lang));
    });
    actions.append(reportButton, notSpam, block, allow);
    card.append(close, title, number, ...notes, reasons, actions, message);
    return card;
  }

  private toggleForm(card: HTMLElement, verdict: Verdict, say: (text: string) => void): void {
    const existing = card.querySelector('form');
    if (existing) {
      existing.remove();
      return;
    }
    const lang = this.lang();
    const form = el('form', { 'aria-label': t('report', lang) });
    const select = el('select', { name: 'category' }) as HTMLSelectElement;
    for (const c of CATEGORIES) {
      if (c === 'legit') continue;
      select.append(el('option', { value: c }, tr(lang, `category.${c}`)));
    }
    const comment = el('textarea', {
      name: 'comment',
      rows: '2',
      maxlength: String(COMMENT_MAX),
    }) as HTMLTextAreaElement;
    const categoryLabel = el('label', {}, tr(lang, 'report.category'));
    categoryLabel.append(select);
    const commentLabel = el('label', {}, tr(lang, 'report.comment'));
    commentLabel.append(comment);
    const send = el('button', { type: 'submit' }, tr(lang, 'report.send'));
    form.append(categoryLabel, commentLabel, send);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      // The same rule as every report form (shared/present/report-draft.ts); the card's call is "now".
      const checked = checkReportDraft(
        lang,
        { category: select.value as Category, comment: comment.value, company: '', calledAt: '' },
        { timeZone: deviceTimeZone(), now: Date.now() },
      );
      if (!checked.ok) {
        say(checked.message);
        return;
      }
      const draft: ReportDraft = { number: verdict.number, category: checked.report.category };
      if (checked.report.comment) draft.comment = checked.report.comment;
      const r = await this.actions.report(draft);
      say(r.ok ? t(r.sent ? 'sent' : 'queued', lang) : `${t('failed', lang)} ${r.message ?? ''}`);
      if (r.ok) form.remove();
    });
    card.querySelector('.m[role="status"]')?.before(form);
    select.focus();
  }
}

function el(tag: string, attrs: Record<string, string>, text?: string): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(text: string, onClick: () => void): HTMLElement {
  const b = el('button', { type: 'button' }, text);
  b.addEventListener('click', onClick);
  return b;
}
