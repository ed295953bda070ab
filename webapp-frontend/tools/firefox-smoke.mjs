// Firefox ESR smoke for the shared terminal, driven by FirefoxSmokeIT (src/test/java/dev/charon/browser/).
// Not part of the Vite build or of Vitest: plain Node ESM, run by the IT with the machine's `node`.
//
//   node tools/firefox-smoke.mjs <terminal-url> <token-id> <x> <y> <screenshot.png>
//
// Opens the terminal in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi; puppeteer-core never
// downloads a browser) and talks to the IT one line at a time:
//   stdout  FIGURE <name> <value>   soft figures (Firefox version, time to first render, scrollbar colours)
//   stdout  READY                   the terminal is rendered and shows the token
//   stdin   MOVE <epoch-ms>         the IT is about to move the token, at that wall-clock time
//   stdout  MOVED <ms>              the token is drawn at (x, y): ms after the IT's MOVE
//   stderr  FAILED <why>            then exit 1, after a screenshot beside the requested one
// Every wait is a condition (waitForSelector, waitForFunction) with a timeout, never a sleep.
import puppeteer from 'puppeteer-core';
import { createInterface } from 'node:readline';
import { dirname, basename, join } from 'node:path';
import { mkdirSync } from 'node:fs';

const [url, tokenId, toX, toY, screenshot] = process.argv.slice(2);
if (!screenshot) {
  console.error('FAILED usage: firefox-smoke.mjs <terminal-url> <token-id> <x> <y> <screenshot.png>');
  process.exit(2);
}
const FIREFOX = process.env.CHARON_FIREFOX ?? '/usr/bin/firefox-esr';
// A cold Firefox on a shared 2-core machine takes ~10 s to start; the IT's own deadlines are longer.
const LAUNCH_TIMEOUT_MS = 90_000;
const RENDER_TIMEOUT_MS = 60_000;
const MOVE_TIMEOUT_MS = 15_000;
const token = `[data-testid=view-ENCOUNTER] [data-token-id="${tokenId}"]`;

const lines = createInterface({ input: process.stdin });
const nextLine = new Promise((resolve, reject) => {
  lines.once('line', resolve);
  lines.once('close', () => reject(new Error('stdin closed before MOVE')));
});
nextLine.catch(() => {}); // awaited after READY; a close before then is reported there
mkdirSync(dirname(screenshot), { recursive: true });

let browser;
let page;
try {
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    protocol: 'webDriverBiDi',
    headless: true,
    timeout: LAUNCH_TIMEOUT_MS,
  });
  console.log(`FIGURE firefox ${await browser.version()}`);
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  const start = Date.now();
  await page.goto(url);
  await page.waitForSelector('.terminal[data-ready="true"][data-view-type="ENCOUNTER"]', { timeout: RENDER_TIMEOUT_MS });
  await page.waitForSelector(token, { timeout: RENDER_TIMEOUT_MS });
  console.log(`FIGURE first-render-ms ${Date.now() - start}`);
  // Firefox drew the location tree's scrollbar white: the page's own colours must say dark.
  const colours = await page.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    return { scrollbar: root.scrollbarColor, scheme: root.colorScheme };
  });
  console.log(`FIGURE scrollbar-color ${colours.scrollbar}`);
  console.log(`FIGURE color-scheme ${colours.scheme}`);
  // Every position the token takes, with the wall-clock time it was drawn: a move that lands before
  // the IT's MOVE line is read is still seen.
  await page.evaluate((selector) => {
    window.__smokeMoves = [];
    const record = () => {
      const el = document.querySelector(selector);
      if (el) window.__smokeMoves.push({ x: el.getAttribute('data-x'), y: el.getAttribute('data-y'), at: Date.now() });
    };
    new MutationObserver(record).observe(document.body,
      { subtree: true, childList: true, attributes: true, attributeFilter: ['data-x', 'data-y'] });
  }, token);
  console.log('READY');

  const move = /^MOVE (\d+)$/.exec(await nextLine);
  if (!move) throw new Error('expected "MOVE <epoch-ms>" on stdin');
  const sentAt = Number(move[1]);
  const seen = await page.waitForFunction(
    (x, y) => window.__smokeMoves.find((m) => m.x === x && m.y === y),
    { timeout: MOVE_TIMEOUT_MS }, toX, toY).catch(async (e) => {
    const last = await page.evaluate((selector) => {
      const el = document.querySelector(selector);
      return el ? `(${el.getAttribute('data-x')}, ${el.getAttribute('data-y')})` : 'gone';
    }, token);
    throw new Error(`the token did not reach (${toX}, ${toY}) within ${MOVE_TIMEOUT_MS} ms; it is at ${last}: ${e.message}`);
  });
  const { at } = await seen.jsonValue();
  console.log(`MOVED ${Math.max(0, at - sentAt)}`);
  await page.screenshot({ path: screenshot });
} catch (e) {
  console.error(`FAILED ${e.message}`);
  if (page) {
    await page.screenshot({ path: join(dirname(screenshot), `FAILED-${basename(screenshot)}`) }).catch(() => {});
  }
  process.exitCode = 1;
} finally {
  lines.close();
  await browser?.close();
}
