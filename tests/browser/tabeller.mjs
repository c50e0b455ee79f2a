// Checks that every table of vplan's web pages can be read on a phone (375 px) and on a
// desktop (1280 px) in headless Chromium (Debian's `chromium`, driven by playwright-core):
// - no cell's text is clipped (its scrollWidth is no larger than its clientWidth);
// - every figure cell (`td.belopp`) stands whole inside the window and inside its table's box,
//   or its box scrolls sideways and shows that it does (a shadow at the edge);
// - every SVG image's smallest text is drawn at least 11 px tall, and an image wider than its
//   box scrolls with a visible cue (a line under it and the shadow);
// - the figures of each table column stand on their decimal comma, within 1 px (`mixed` in
//   the report counts the columns whose figures have different numbers of decimals), and the
//   invisible room for missing decimals is not copied with the figure;
// and takes a screenshot of each page at both widths for a person to look at.
//
// Usage: node tabeller.mjs SCREENSHOT_FOLDER PAGE.html...
// Prints one JSON line per page and width; exits 1 if any table fails, 2 if it cannot run.

import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { argumentsOf, launch } from './start.mjs';

const { screenshots, pages } = argumentsOf('tabeller.mjs');

const browser = await launch();

let failed = false;
try {
  for (const page of pages) {
    const name = basename(page, '.html');
    for (const width of [375, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const tab = await context.newPage();
      await tab.goto(pathToFileURL(resolve(page)).href);
      const problems = await tab.evaluate(() => {
        const found = [];
        const text = (node) => node.textContent.replace(/\s+/g, ' ').trim().slice(0, 60);
        const shown = (node) => {
          const style = getComputedStyle(node);
          return style.display !== 'none' && style.visibility !== 'hidden' && node.getClientRects().length > 0;
        };
        // A header row hidden for the eye on a phone (screen readers still read it; each
        // value shows its heading beside it) is not seen, so it cannot be cut either.
        const seen = (node) => {
          const head = node.closest('thead');
          return head === null || head.getBoundingClientRect().width > 2;
        };
        for (const cell of document.querySelectorAll('td, th, caption')) {
          if (!shown(cell) || !seen(cell)) continue;
          if (cell.scrollWidth > cell.clientWidth + 1) {
            found.push(`cut cell (${cell.scrollWidth} > ${cell.clientWidth} px): ${text(cell)}`);
          }
        }
        for (const cell of document.querySelectorAll('td.belopp')) {
          if (!shown(cell) || cell.textContent.trim() === '') continue;
          const rect = cell.getBoundingClientRect();
          const box = cell.closest('.tabell');
          const outer = box ? box.getBoundingClientRect() : { left: 0, right: window.innerWidth };
          const inside = rect.left >= Math.max(0, outer.left) - 1 && rect.right <= Math.min(window.innerWidth, outer.right) + 1;
          if (inside) continue;
          const scrolls = box && box.scrollWidth > box.clientWidth;
          const cue = box && getComputedStyle(box).backgroundImage.includes('gradient');
          if (!(scrolls && cue && outer.right <= window.innerWidth + 1)) {
            found.push(`figure out of sight without a cue: ${text(cell)}`);
          }
        }
        // Every SVG image with text (vplan gives its own width and its smallest text's size in
        // data attributes): that text is drawn at least 11 px tall, and an image wider than its
        // box scrolls inside it, with the line under it that says so; one that fits has no line.
        for (const image of document.querySelectorAll('img[data-minsta-text]')) {
          const rect = image.getBoundingClientRect();
          const smallest = (rect.width * Number(image.dataset.minstaText)) / Number(image.dataset.bredd);
          if (!(smallest >= 11 - 0.05)) {
            found.push(`image text ${smallest.toFixed(1)} px tall: ${image.alt.slice(0, 60)}`);
          }
          const box = image.closest('.bildruta');
          const cue = image.closest('figure')?.querySelector('.svep');
          if (!box || !cue) {
            found.push(`image without its box or its line: ${image.alt.slice(0, 60)}`);
            continue;
          }
          const outer = box.getBoundingClientRect();
          if (outer.left < -1 || outer.right > window.innerWidth + 1) {
            found.push(`image box outside the window: ${image.alt.slice(0, 60)}`);
          }
          const overflows = box.scrollWidth > box.clientWidth + 1;
          const line = cue.getBoundingClientRect();
          const lineShown = shown(cue) && line.width > 0 && line.left >= -1 && line.right <= window.innerWidth + 1;
          const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
          if (overflows && !(scrolls && lineShown && getComputedStyle(box).backgroundImage.includes('gradient'))) {
            found.push(`image wider than its box without scrolling and a cue: ${image.alt.slice(0, 60)}`);
          }
          if (!overflows && shown(cue)) {
            found.push(`the line "svep i sidled" under an image that fits: ${image.alt.slice(0, 60)}`);
          }
        }
        // In every table, the figures of a column stand on their decimal comma: the right edge
        // of the digit before the comma (or before where it would be) is the same in every row,
        // within 1 px. A column whose figures have different numbers of decimals ("25 %" over
        // "17,5 %") is counted, so that the caller knows the check met one.
        const before = (cell) => {
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest('.komma')) continue;
            const comma = node.data.search(/\d,\d/);
            let at = comma;
            for (let i = node.data.length - 1; at < 0 && i >= 0; i--) {
              if (/\d/.test(node.data[i])) at = i;
            }
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + 1);
            return { right: range.getBoundingClientRect().right, decimals: comma >= 0 ? node.data.slice(comma + 2).match(/^\d+/)[0].length : 0 };
          }
          return null;
        };
        let mixed = 0;
        for (const table of document.querySelectorAll('table')) {
          const columns = new Map();
          for (const row of table.rows) {
            let column = 0;
            for (const cell of row.cells) {
              const here = column;
              column += cell.colSpan;
              if (!cell.matches('td.belopp, td.right') || !shown(cell)) continue;
              const found = before(cell);
              if (!found) continue;
              if (!columns.has(here)) columns.set(here, []);
              columns.get(here).push({ ...found, text: text(cell) });
            }
          }
          for (const figures of columns.values()) {
            if (figures.length < 2) continue;
            const edges = figures.map((f) => f.right);
            if (Math.max(...edges) - Math.min(...edges) > 1) {
              const first = figures.find((f) => f.right === Math.min(...edges));
              const last = figures.find((f) => f.right === Math.max(...edges));
              found.push(`figures off their comma by ${(last.right - first.right).toFixed(1)} px: "${first.text}" over "${last.text}"`);
            }
            if (new Set(figures.map((f) => f.decimals)).size > 1) mixed += 1;
          }
        }
        // The invisible room is not copied with the figure.
        const room = document.querySelector('td .komma');
        if (room) {
          const selection = getSelection();
          const range = document.createRange();
          range.selectNodeContents(room.closest('td'));
          selection.removeAllRanges();
          selection.addRange(range);
          const copied = selection.toString();
          selection.removeAllRanges();
          if (copied.includes(room.textContent)) found.push(`the invisible room "${room.textContent}" is copied: "${copied}"`);
        }
        return { found, mixed };
      });
      await tab.screenshot({ path: `${screenshots}/${name}-tabeller-${width}.png`, fullPage: true });
      await context.close();
      const ok = problems.found.length === 0;
      failed ||= !ok;
      console.log(JSON.stringify({ page: name, width, ok, mixed: problems.mixed, problems: problems.found.slice(0, 20) }));
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
