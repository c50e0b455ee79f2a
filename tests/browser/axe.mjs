// Checks vplan's web pages in a real browser: headless Chromium (Debian's `chromium`, driven by
// playwright-core) runs axe-core with the WCAG 2.1 A and AA rules on each page, checks that the
// page reads at 320 px without scrolling sideways (wide tables scroll inside their own box), and
// takes a screenshot at 1280 px and at 375 px for a person to look at.
//
// Usage: node axe.mjs SCREENSHOT_FOLDER PAGE.html...
// Prints one JSON line per page; exits 1 if any page has a violation, 2 if it cannot run.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { argumentsOf, launch } from './start.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const { screenshots, pages } = argumentsOf('axe.mjs');

const browser = await launch();

let failed = false;
try {
  for (const page of pages) {
    const name = basename(page, '.html');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    // The page is one file: any request other than the page itself and its inline images
    // means it is not self-contained.
    const requests = [];
    tab.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('data:') && url !== pathToFileURL(resolve(page)).href) {
        requests.push(url);
      }
    });
    await tab.goto(pathToFileURL(resolve(page)).href);
    await tab.addScriptTag({ content: axeSource });
    const result = await tab.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const outcome = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return {
        violations: outcome.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
        })),
        passes: outcome.passes.length,
      };
    });
    await tab.screenshot({ path: `${screenshots}/${name}-1280.png`, fullPage: true });

    // A phone: the screenshot at 375 px, and the 320 px check of WCAG 1.4.10 (reflow).
    await tab.setViewportSize({ width: 375, height: 800 });
    await tab.screenshot({ path: `${screenshots}/${name}-375.png`, fullPage: true });
    await tab.setViewportSize({ width: 320, height: 640 });
    const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const headings = await tab.evaluate(() =>
      [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
    );
    let skipped = headings.filter((level, i) => i > 0 && level > headings[i - 1] + 1).length;
    if (headings.filter((level) => level === 1).length !== 1 || headings[0] !== 1) {
      skipped += 1;
    }
    await context.close();

    const ok = result.violations.length === 0 && overflow <= 0 && skipped === 0 && requests.length === 0;
    failed ||= !ok;
    console.log(
      JSON.stringify({
        page: name,
        ok,
        violations: result.violations,
        rules_passed: result.passes,
        overflow_320px: overflow,
        heading_order_problems: skipped,
        requests,
      }),
    );
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
