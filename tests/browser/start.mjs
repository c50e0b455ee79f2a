// What every browser check starts with: the screenshot folder and the pages from the command
// line, and headless Chromium (Debian's `chromium`, or the one $CHROMIUM names) driven by
// playwright-core, with the flags that keep it off the network.

import { chromium } from 'playwright-core';

/// The screenshot folder and the pages given to `script`; exits 2 with its usage line when
/// either is missing.
export function argumentsOf(script) {
  const [screenshots, ...pages] = process.argv.slice(2);
  if (!screenshots || pages.length === 0) {
    console.error(`usage: node ${script} SCREENSHOT_FOLDER PAGE.html...`);
    process.exit(2);
  }
  return { screenshots, pages };
}

/// Headless Chromium.
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
