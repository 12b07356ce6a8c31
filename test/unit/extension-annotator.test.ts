// @vitest-environment happy-dom
/**
 * The annotator's bookkeeping in happy-dom, with a stand-in background that answers late: every number found
 * gets its badge even when an early batch's answer comes back while the scan is still finding numbers (the
 * lost-badges bug of issue 10, which hung the benchmark under load).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Annotator } from '../../extension/lib/content/annotator.ts';
import type { BadgeVerdict } from '../../extension/lib/messages.ts';

async function until(read: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!read()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const verdict = (number: string): BadgeVerdict => ({
  number,
  level: 'unknown',
  label: { fr: 'Inconnu', en: 'Unknown' },
});

describe('Annotator', () => {
  const controller = new AbortController();
  afterEach(() => controller.abort());

  it('badges every number when verdicts arrive while the scan goes on', async () => {
    const rows: string[] = [];
    // 1,500 distinct mobiles, one per paragraph: past the early-batch size (500), so a batch leaves mid-scan.
    for (let i = 0; i < 1500; i++)
      rows.push(
        `<p>Appel du 06 12 ${String(Math.floor(i / 100)).padStart(2, '0')} ${String(i % 100).padStart(2, '0')} 78</p>`,
      );
    document.body.innerHTML = rows.join('');
    const asked: string[][] = [];
    const annotator = new Annotator({
      classify: async (numbers) => {
        asked.push(numbers);
        // Slower than one scan slice, as a busy background is.
        await new Promise((r) => setTimeout(r, 40));
        return Object.fromEntries(numbers.map((n) => [n, verdict(n)]));
      },
      lang: () => 'fr',
      region: () => 'FR',
      adapter: null,
      signal: controller.signal,
    });
    annotator.start(document.body);
    await until(() => document.querySelectorAll('vigie-badge').length >= 1500, '1,500 badges');
    expect(document.querySelectorAll('vigie-badge')).toHaveLength(1500);
    expect(asked.length).toBeGreaterThan(1);
  });
});
