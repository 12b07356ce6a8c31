/**
 * Every site adapter is registered, documented in docs/adapters.md, has a fixture page whose rows give the
 * numbers the fixture declares, and matches only https pages of its own hosts (STYLE.md §3).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { defaultNumberText } from '../../extension/lib/adapters/adapter.ts';
import { ADAPTERS, adapterForHost } from '../../extension/lib/adapters/registry.ts';
import { knownSiteMatches, LOOPBACK_MATCHES } from '../../extension/lib/known-sites.ts';
import { findPhoneNumbers } from '../../shared/number/find-in-text.ts';
import { normalize } from '../../shared/number/normalize.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const ADAPTER_DIR = join(ROOT, 'extension', 'lib', 'adapters');
const docs = readFileSync(join(ROOT, 'docs', 'adapters.md'), 'utf8');

function numberOf(raw: string | null): string | null {
  if (!raw) return null;
  if (/^tel:/i.test(raw.trim())) {
    const n = normalize(raw.trim().slice(4));
    return n.ok ? n.value.number : null;
  }
  const found = findPhoneNumbers(raw)[0];
  if (found) return found.number;
  const n = normalize(raw.trim());
  return n.ok && !n.value.isShort ? n.value.number : null;
}

describe('site adapters', () => {
  it('registers every adapter file, once, with a unique id', () => {
    const files = readdirSync(ADAPTER_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'adapter.ts' && f !== 'registry.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(ADAPTERS.map((a) => a.id).sort()).toEqual(files);
    expect(new Set(ADAPTERS.map((a) => a.id)).size).toBe(ADAPTERS.length);
  });

  it('covers the services the issue names', () => {
    for (const host of [
      'voice.google.com',
      'web.whatsapp.com',
      'teams.microsoft.com',
      'espace-client.orange.fr',
      'espace-client.sfr.fr',
      'www.bouyguestelecom.fr',
      'mobile.free.fr',
    ]) {
      expect(adapterForHost(host), host).not.toBeNull();
    }
    expect(adapterForHost('example.org')).toBeNull();
  });

  it.each(ADAPTERS.map((a) => [a.id, a] as const))('%s is documented in docs/adapters.md', (id, adapter) => {
    const row = docs.split('\n').find((l) => l.startsWith(`| \`${id}\``));
    expect(row, `no table row for ${id}`).toBeDefined();
    for (const host of adapter.hosts) expect(row).toContain(host);
  });

  it.each(ADAPTERS.map((a) => [a.id, a] as const))('%s: https matches on its own hosts only', (_id, adapter) => {
    for (const m of adapter.matches) {
      const host = /^https:\/\/([^/]+)\//.exec(m)?.[1];
      expect(host, m).toBeDefined();
      expect(adapter.hosts).toContain(host);
      expect(knownSiteMatches()).toContain(m);
    }
  });

  it.each(ADAPTERS.map((a) => [a.id, a] as const))('%s: its fixture rows give the declared numbers', (id, adapter) => {
    const html = readFileSync(join(ROOT, 'test', 'fixtures', 'pages', `adapter-${id}.html`), 'utf8');
    const truth = JSON.parse(
      /<script type="application\/json" id="vigie-truth">([\s\S]*?)<\/script>/.exec(html)![1]!,
    ) as {
      numbers: string[];
      large?: string[];
    };
    const window = new Window();
    window.document.write(html);
    const document = window.document as unknown as Document;
    const owned = [adapter.rowSelector, adapter.incomingSelector].filter(Boolean).join(', ');
    const numbers = [...document.querySelectorAll(owned)]
      .map((el) => numberOf(adapter.numberText?.(el) ?? el.textContent))
      .filter((n): n is string => n !== null);
    expect(numbers.sort()).toEqual([...truth.numbers].sort());
    const large = adapter.incomingSelector
      ? [...document.querySelectorAll(adapter.incomingSelector)].map((el) =>
          numberOf(adapter.numberText?.(el) ?? el.textContent),
        )
      : [];
    expect(large).toEqual(truth.large ?? []);
    window.close();
  });
});

describe('defaultNumberText', () => {
  it('prefers a tel: link, then number attributes, then text', () => {
    const window = new Window();
    const document = window.document as unknown as Document;
    document.body.innerHTML =
      '<div id="a"><a href="tel:+33162123456">appeler</a> 06 12 34 56 78</div><div id="b" data-number="+33612345678">Bob</div><div id="c">07 56 12 34 56</div>';
    expect(defaultNumberText(document.getElementById('a')!)).toBe('tel:+33162123456');
    expect(defaultNumberText(document.getElementById('b')!)).toBe('+33612345678');
    expect(defaultNumberText(document.getElementById('c')!)).toBe('07 56 12 34 56');
    window.close();
  });
});

describe('known sites', () => {
  it('runs on loopback and the adapters, never on every site by default', () => {
    const matches = knownSiteMatches();
    for (const m of LOOPBACK_MATCHES) expect(matches).toContain(m);
    expect(matches).not.toContain('<all_urls>');
    expect(matches.every((m) => !m.includes('*://*/'))).toBe(true);
  });
});
