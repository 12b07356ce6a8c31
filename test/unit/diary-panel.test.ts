// @vitest-environment happy-dom
/**
 * The extension popup's diary panel, rendered in happy-dom over fake-indexeddb: log calls by hand, see them
 * grouped with their findings, and the number prefilled from a verdict.
 */
import 'fake-indexeddb/auto';
import { h, render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DiaryPanel } from '../../extension/lib/diary/DiaryPanel.tsx';

async function until<T>(read: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = read();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function type(root: ParentNode, selector: string, value: string): void {
  const input = root.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

afterEach(() => {
  render(null, document.body);
});

describe('DiaryPanel (extension popup)', () => {
  it('prefills the number from the verdict', async () => {
    render(h(DiaryPanel, { lang: 'en', prefillNumber: '+33162000001' }), document.body);
    const input = await until(() => document.querySelector<HTMLInputElement>('input[name="number"]'), 'the form');
    expect(input.value).toBe('+33162000001');
    expect(document.body.textContent).toContain('Save the call');
  });

  it('logs calls and shows the company with the rules they broke', async () => {
    render(h(DiaryPanel, { lang: 'fr' }), document.body);
    const form = await until(() => document.querySelector('form[data-vigie-diary-form]'), 'the form');
    const log = async (number: string, time: string, company: string) => {
      const before = document.querySelectorAll('[data-vigie-entry]').length;
      type(form, 'input[name="number"]', number);
      type(form, 'input[name="time"]', time);
      type(form, 'input[name="company"]', company);
      // Let Preact re-render so the submit handler sees the typed values.
      await new Promise((r) => setTimeout(r, 20));
      form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      await until(() => document.querySelectorAll('[data-vigie-entry]').length === before + 1, 'the saved entry');
    };
    // Saturday 7 March 2026 and Sunday 8 March: weekend calls wherever the test machine is (any zone: still a weekend
    // day at midday local time).
    await log('0162000001', '2026-03-07T12:00', 'Acme');
    await log('0162000002', '2026-03-08T12:00', 'acme');
    const companies = document.querySelectorAll('[data-vigie-company]');
    expect(companies).toHaveLength(1);
    const rules = [...companies[0]!.querySelectorAll('[data-vigie-finding]')].map((e) =>
      e.getAttribute('data-vigie-finding'),
    );
    expect(rules.filter((r) => r === 'weekend')).toHaveLength(2);
    expect(companies[0]!.querySelector('[data-vigie-law-count]')!.getAttribute('data-vigie-law-count')).toBe('2');
    expect(companies[0]!.querySelectorAll('[data-vigie-action="signalconso"]')).toHaveLength(1);
  });
});
