// End-to-end test of a built zongjie site in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core; no browser is downloaded).
//
//   node tests/browser/e2e.mjs <site dir> [<artefact dir>]
//
// Opens the index twice — from file:// and from a local HTTP server that serves the site
// under the sub-path /anquan/ — and, like a reader, clicks from the index to a unit page and
// from there to a report, and back to the index by the site title. On every page: no console
// errors, no uncaught exceptions, no failed requests, no HTTP status >= 400, no request that
// leaves the site, the style sheet loaded, and every chart (`figure.chart svg`) visible with a
// non-zero size. The report is printed to PDF, and every PDF page must be A4 (595 × 842 pt).
// Screenshots and the PDFs go to the artefact dir (default target/browser-artifacts).
//
// Exit code 0 when everything holds, 1 otherwise (each problem is printed).
// ZONGJIE_E2E_LOG=1 prints every request the local server gets; ZONGJIE_CHROMIUM names
// another Chromium binary.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.ZONGJIE_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SUB_PATH = '/anquan/';
const A4 = { w: 595.28, h: 841.89 }; // points
const TIMEOUT_MS = 30_000;

const [siteArg, artArg] = process.argv.slice(2);
if (!siteArg) {
  console.error('usage: node e2e.mjs <site dir> [<artefact dir>]');
  process.exit(2);
}
const SITE = path.resolve(siteArg);
const ART = path.resolve(artArg || 'target/browser-artifacts');
if (!fs.existsSync(path.join(SITE, 'index.html'))) {
  console.error(`e2e: no index.html in ${SITE}: build the site first`);
  process.exit(2);
}
fs.rmSync(ART, { recursive: true, force: true });
fs.mkdirSync(ART, { recursive: true });

const problems = [];
function fail(where, what) {
  problems.push(`${where}: ${what}`);
  console.log(`  FAIL ${where}: ${what}`);
}
function ok(where, what) {
  console.log(`  ok   ${where}: ${what}`);
}

// ---- A tiny static server: the site under /anquan/, nothing else ------------------------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

function serve(req, res) {
  if (process.env.ZONGJIE_E2E_LOG) console.log(`  GET ${req.url}`);
  const url = new URL(req.url, 'http://localhost');
  let rel;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end('bad escape');
    return;
  }
  if (rel === SUB_PATH.slice(0, -1)) {
    res.writeHead(301, { Location: SUB_PATH }).end();
    return;
  }
  if (!rel.startsWith(SUB_PATH)) {
    res.writeHead(404).end('outside the site');
    return;
  }
  let file = path.join(SITE, rel.slice(SUB_PATH.length));
  if (file !== SITE && !file.startsWith(SITE + path.sep)) {
    res.writeHead(403).end('outside the site');
    return;
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  fs.createReadStream(file).pipe(res);
}

// ---- Checks ------------------------------------------------------------------------------

/** Listens to everything a page does that a reader would see as broken. */
function watch(page, mode, inside) {
  const state = { where: `${mode} (loading)` };
  page.on('console', (msg) => {
    if (msg.type() === 'error') fail(state.where, `console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => fail(state.where, `uncaught exception: ${err.message}`));
  page.on('requestfailed', (req) =>
    fail(state.where, `request failed: ${req.url()} (${req.failure()?.errorText})`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) fail(state.where, `HTTP ${res.status()} for ${res.url()}`);
  });
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith('data:') && !inside(u)) fail(state.where, `request outside the site: ${u}`);
  });
  return state;
}

async function checkPage(page, state, mode, name, { minCharts }) {
  const where = `${mode} ${name}`;
  state.where = where;
  await page.waitForLoadState('load');
  const title = await page.title();
  if (!title.trim()) fail(where, 'empty <title>');
  const h1 = (await page.locator('h1').first().textContent())?.trim();
  if (!h1) fail(where, 'no <h1>');
  const sheets = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel~="stylesheet"]')].map((l) => [l.href, !!l.sheet]),
  );
  if (sheets.length === 0) fail(where, 'no style sheet linked');
  for (const [href, loaded] of sheets) if (!loaded) fail(where, `style sheet not loaded: ${href}`);

  const charts = page.locator('figure.chart svg');
  const n = await charts.count();
  if (n < minCharts) fail(where, `expected at least ${minCharts} chart(s), found ${n}`);
  for (let i = 0; i < n; i++) {
    const c = charts.nth(i);
    await c.scrollIntoViewIfNeeded();
    const box = await c.boundingBox();
    const visible = await c.isVisible();
    if (!visible || !box || box.width < 1 || box.height < 1) {
      fail(where, `chart ${i + 1} not visible (visible=${visible}, box=${JSON.stringify(box)})`);
    }
  }
  ok(where, `"${h1}", ${n} chart(s) visible, ${sheets.length} style sheet(s) loaded`);
  return where;
}

/** Clicks `link` (a Locator) and waits for the page it leads to; checks the URL. */
async function follow(page, state, link, mode, what) {
  state.where = `${mode} (after clicking ${what})`;
  const href = await link.getAttribute('href');
  const expected = new URL(href, page.url()).href;
  await link.click();
  await page.waitForURL(expected, { timeout: TIMEOUT_MS });
  await page.waitForLoadState('load');
  ok(mode, `clicked ${what} → ${decodeURI(page.url())}`);
}

/** The sizes, in points, of every page of a PDF (from the page objects' /MediaBox). */
function pdfPageSizes(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  const num = '([-+]?\\d*\\.?\\d+)';
  const box = new RegExp(`/MediaBox\\s*\\[\\s*${num}\\s+${num}\\s+${num}\\s+${num}\\s*\\]`, 'g');
  const sizes = [...text.matchAll(box)].map((m) => ({
    w: Number(m[3]) - Number(m[1]),
    h: Number(m[4]) - Number(m[2]),
  }));
  const pages = (text.match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
  return { pages, sizes };
}

async function checkPdf(page, mode) {
  const where = `${mode} report PDF`;
  const file = path.join(ART, `${mode}-report.pdf`);
  const pdf = await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
  const { pages, sizes } = pdfPageSizes(pdf);
  if (pages < 1) fail(where, 'no pages in the PDF');
  if (sizes.length === 0) fail(where, 'no /MediaBox found in the PDF');
  if (sizes.length !== pages && sizes.length !== 1) {
    fail(where, `${pages} pages but ${sizes.length} /MediaBox entries`);
  }
  const bad = sizes.filter((s) => Math.abs(s.w - A4.w) > 1 || Math.abs(s.h - A4.h) > 1);
  if (bad.length) {
    fail(where, `not A4 portrait (595 × 842 pt): ${bad.map((s) => `${s.w} × ${s.h}`).join(', ')}`);
  }
  const text = Buffer.from(pdf).toString('latin1');
  const cjk = [...new Set([...text.matchAll(/\/(?:BaseFont|FontName)\s*\/([A-Z]{6}\+)?([^\s/<>[\]()]+)/g)].map((m) => m[2]))];
  if (!cjk.some((f) => /CJK|Han|Song|Hei|Kai|Fang|Ming/i.test(f))) {
    fail(where, `no Chinese font embedded (fonts: ${cjk.join(', ') || 'none'}); install fonts-noto-cjk`);
  }
  ok(where, `${pages} A4 page(s), ${pdf.length} bytes, fonts: ${cjk.join(', ')} → ${path.relative(process.cwd(), file)}`);
}

async function journey(browser, mode, start, inside) {
  console.log(`${mode}: ${decodeURI(start)}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(TIMEOUT_MS);
  const page = await context.newPage();
  const state = watch(page, mode, inside);
  const shot = (name) => page.screenshot({ path: path.join(ART, `${mode}-${name}.png`), fullPage: true });

  state.where = `${mode} (loading the index)`;
  const res = await page.goto(start, { waitUntil: 'load' });
  if (res && res.status() >= 400) fail(mode, `index: HTTP ${res.status()}`);
  await checkPage(page, state, mode, 'index', { minCharts: 0 });
  await shot('1-index');

  // index → a unit page (the first unit of the unit tree)
  await follow(page, state, page.locator('ul.unit-tree a').first(), mode, 'the first unit');
  await checkPage(page, state, mode, 'unit page', { minCharts: 1 });
  await shot('2-unit');

  // unit page → its latest report (the first report in the list)
  await follow(page, state, page.locator('ul.report-list a').first(), mode, 'a report');
  await checkPage(page, state, mode, 'report', { minCharts: 1 });
  const article = page.locator('article.report');
  if (!(await article.isVisible())) fail(`${mode} report`, 'article.report not visible');
  await shot('3-report');
  await checkPdf(page, mode);
  await page.emulateMedia({ media: 'print' });
  await shot('4-report-print');
  await page.emulateMedia({ media: 'screen' });

  // and home again by the site title
  await follow(page, state, page.locator('a.site-title'), mode, 'the site title');
  await checkPage(page, state, mode, 'index again', { minCharts: 0 });
  const home = [start, new URL('index.html', start).href];
  if (!home.includes(page.url())) fail(mode, `site title led to ${page.url()}, not the index`);

  // A phone-sized view of the report, for the artefacts only.
  await page.setViewportSize({ width: 390, height: 844 });
  state.where = `${mode} report (phone)`;
  await page.goBack({ waitUntil: 'load' });
  await shot('5-report-phone');
  await context.close();
}

// ---- The example town report on paper and on a phone -------------------------------------

// 城关镇 2024年上半年: three pages of text, 附表1–3 and four charts (issue 13's yardstick).
const TOWN_REPORT = 'chengguan-xian/chengguan-zhen/2024-H1/index.html';
const PRINT_BUDGET = { body: 3, tables: 5 };

async function pdfPages(page) {
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  return pdfPageSizes(pdf).pages;
}

/** 打印内容 on the page decides what prints: 正文 ≤ 3 pages, 正文＋附表 ≤ 5, and with 附图
 *  more, but never fewer than with the tables alone. */
async function checkPrintChoices(page) {
  const where = 'town report print';
  const pages = {};
  for (const scope of ['body', 'tables', 'all']) {
    await page.check(`#print-${scope}`);
    pages[scope] = await pdfPages(page);
    const budget = PRINT_BUDGET[scope];
    if (budget && pages[scope] > budget) fail(where, `${scope}: ${pages[scope]} pages, more than ${budget}`);
  }
  if (!(pages.body < pages.tables && pages.tables < pages.all)) {
    fail(where, `the choices do not change what prints: ${JSON.stringify(pages)}`);
  }
  ok(where, `正文 ${pages.body} pages, 正文＋附表 ${pages.tables}, 正文＋附表＋附图 ${pages.all}`);
}

/** On a 390 px phone nothing scrolls sideways: every chart, its title and the page fit. */
async function checkPhone(page) {
  const where = 'town report on a phone';
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > w) out.push(`page ${document.documentElement.scrollWidth}px`);
    for (const el of document.querySelectorAll('figure.chart svg, figure.chart figcaption')) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 0.5 || r.left < -0.5) out.push(`${el.tagName} of ${el.closest('figure').id} spans ${r.left}–${r.right}px`);
    }
    return out;
  });
  for (const w of wide) fail(where, `wider than the phone: ${w}`);
  await page.screenshot({ path: path.join(ART, 'town-report-phone.png'), fullPage: true });
  ok(where, `${wide.length} element(s) wider than 390 px`);
}

/** The index's 查找单位 box, from file://: typing a village's name shows it, opened down
 *  to it, and hides the units that do not match. */
async function checkIndexSearch(page) {
  const where = 'index search (file://)';
  await page.goto(pathToFileURL(path.join(SITE, 'index.html')).href, { waitUntil: 'load' });
  const village = page.locator('#unit-tree li[data-name="城关镇东关社区"] > details > summary a.unit-name');
  if (await village.isVisible()) fail(where, '城关镇东关社区 visible before searching: the tree is not folded');
  await page.fill('#unit-filter', '东关');
  if (!(await village.isVisible())) fail(where, '城关镇东关社区 not shown after typing 东关');
  const others = page.locator('#unit-tree li[data-name="河西镇"]');
  if (await others.isVisible()) fail(where, '河西镇 still shown while searching 东关');
  const said = (await page.locator('#unit-filter-count').textContent()) || '';
  if (!said.includes('找到 1 个单位')) fail(where, `count says "${said}"`);
  await page.fill('#unit-filter', '');
  if (!(await others.isVisible())) fail(where, 'clearing the box does not bring the tree back');
  ok(where, `东关 → ${said}`);
}

/** On paper the text keeps one line grid: no heading of the 正文 adds space above or below
 *  itself (a first （一） under 一、 used to sit 6 pt low), and each is whole lines high. */
async function checkLineGrid(page) {
  const where = 'town report line grid';
  await page.emulateMedia({ media: 'print' });
  const off = await page.evaluate(() => {
    const out = [];
    const grid = parseFloat(getComputedStyle(document.querySelector('.report p')).lineHeight);
    for (const h of document.querySelectorAll('.report > .section h2, .report > .section h3')) {
      const cs = getComputedStyle(h);
      const lines = h.getBoundingClientRect().height / grid;
      if (cs.marginTop !== '0px' || cs.marginBottom !== '0px' || Math.abs(lines - Math.round(lines)) > 0.02) {
        out.push(`${h.textContent.slice(0, 12)}: margin ${cs.marginTop}/${cs.marginBottom}, ${lines.toFixed(2)} lines`);
      }
    }
    return out;
  });
  await page.emulateMedia({ media: 'screen' });
  for (const o of off) fail(where, `off the grid: ${o}`);
  ok(where, `${off.length} heading(s) off the line grid`);
}

async function townReport(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(TIMEOUT_MS);
  const page = await context.newPage();
  await page.goto(pathToFileURL(path.join(SITE, TOWN_REPORT)).href, { waitUntil: 'load' });
  await checkPrintChoices(page);
  await checkLineGrid(page);
  await checkPhone(page);
  await checkIndexSearch(page);
  await context.close();
}

const server = http.createServer(serve);
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

let browser;
const started = Date.now();
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
  console.log(`Chromium ${browser.version()} (${CHROMIUM}); artefacts in ${ART}`);

  const siteFileUrl = pathToFileURL(SITE + path.sep).href;
  await journey(browser, 'file', pathToFileURL(path.join(SITE, 'index.html')).href, (u) =>
    u.startsWith(siteFileUrl),
  );
  const base = origin + SUB_PATH;
  await journey(browser, 'http', base, (u) => u.startsWith(base));
  await townReport(browser);
} catch (e) {
  fail('e2e', e.stack || String(e));
} finally {
  if (browser) await browser.close();
  server.close();
}

const secs = ((Date.now() - started) / 1000).toFixed(1);
if (problems.length) {
  console.log(`browser e2e: ${problems.length} problem(s) in ${secs}s:`);
  for (const p of problems) console.log(`  ${p}`);
  process.exit(1);
}
console.log(`browser e2e: all checks passed in ${secs}s (file:// and ${origin}${SUB_PATH})`);
