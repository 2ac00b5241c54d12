// Opens report.html in headless Chromium (Debian's `chromium`, driven by playwright-core):
// no network request, the headline figures visible, a screenshot kept under reports/ for CI.
// Skips (saying so) only when /usr/bin/chromium is absent and CI is not set; under CI it must run.

import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeResults } from '../../harness/report/results.js';
import { writeReports } from '../../harness/report/write-reports.js';
import { SAMPLE_HEAD_HASH, sampleResults } from './fixtures/sample-results.js';

const CHROMIUM = '/usr/bin/chromium';
const REPO_ROOT = new URL('../../../', import.meta.url).pathname;
const SCREENSHOT = join(REPO_ROOT, 'reports', 'report-html-screenshot.png');
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const ci = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== 'false';

if (!existsSync(CHROMIUM) && !ci) {
  process.stdout.write(`\nSKIP report.html browser test: ${CHROMIUM} not found (apt-get install -y chromium); it runs whenever CI is set\n`);
  test.skip('report.html in headless Chromium', () => undefined);
} else {
  test('report.html in headless Chromium: offline, headline figures present, screenshot kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'raa-html-'));
    writeResults(dir, sampleResults());
    const { html } = writeReports(dir, sampleResults());
    const userDataDir = mkdtempSync(join(tmpdir(), 'raa-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      timeout: 60_000,
    });
    try {
      const requests: string[] = [];
      context.on('request', (r) => requests.push(r.url()));
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`file://${html}`, { waitUntil: 'load' });
      const body = await page.locator('body').innerText();
      const network = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
      assert.equal(network, [], `network requests: ${network.join(', ')}`);
      assert.ok(body.includes(SAMPLE_HEAD_HASH), 'head hash not in page');
      assert.match(body, /vote latency p99 \(virtual\)\s+871 ms/);
      assert.match(body, /cleaning records\/s\s+7,100,000 records\/s/);
      const images = await page.locator('img').evaluateAll((els) => els.map((e) => (e as unknown as { naturalWidth: number }).naturalWidth));
      assert.equal(images, [1000, 1000, 1000, 1000, 1000], 'every chart decodes');
      mkdirSync(join(REPO_ROOT, 'reports'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      assert.ok(statSync(SCREENSHOT).size > 10_000);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });
}

test.run();
