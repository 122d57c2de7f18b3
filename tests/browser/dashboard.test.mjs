// dashboard.test.mjs — load the vigia dashboard in Debian's chromium and check
// that every panel renders WITH DATA, that clicking an alert shows its events
// and that pasted text is coded live. Screenshots go to the artifacts dir.
//
//   node dashboard.test.mjs BASE_URL ARTIFACTS_DIR
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// PREFIX names the screenshots; with "examples" (the articles alone, which
// may raise no alert) the alert checks are left out.
const [base, artifacts, prefix = 'dashboard'] = process.argv.slice(2);
const needAlerts = prefix !== 'examples';
if (!base || !artifacts) {
  console.error('usage: node dashboard.test.mjs BASE_URL ARTIFACTS_DIR [PREFIX]');
  process.exit(2);
}
mkdirSync(artifacts, { recursive: true });

const failures = [];
let checks = 0;
function check(cond, what) {
  checks++;
  if (!cond) {
    failures.push(what);
    console.log('FAIL:', what);
  } else {
    console.log('ok:', what);
  }
}

const profile = mkdtempSync(join(tmpdir(), 'vigia-chromium-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1400, height: 1000 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = ctx.pages()[0] || (await ctx.newPage());
const consoleErrors = [];
const foreign = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(String(e)));
page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });

const num = async (sel, attr) => Number(await page.getAttribute(sel, attr));

async function emptyStore() {
  // A fresh install: no events yet. The page must say so, not break.
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
  check(/^0 events/.test(await page.textContent('#status')), 'empty store: status shows 0 events');
  check(await page.locator('#trend .empty').count() === 1, 'empty store: trend says there is nothing');
  check(await page.locator('#network .empty').count() === 1, 'empty store: network says there is nothing');
  check(await page.locator('#events td.empty').count() === 1, 'empty store: table says no events');
  check(await page.locator('#map svg').count() === 1, 'empty store: the map still draws');
  await page.screenshot({ path: join(artifacts, 'empty.png'), fullPage: true });
  check(consoleErrors.length === 0, `empty store: no console errors: ${consoleErrors.slice(0, 3).join(' | ')}`);
}

async function fullStore() {
  await page.goto(base + '/', { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });

  // Header status shows the database.
  const status = await page.textContent('#status');
  check(/\d+ events/.test(status), `status shows event count: "${status}"`);
  const country = await page.inputValue('#country');
  const options = await page.locator('#country option').count();
  check(options >= 3 && country.length === 3, `country picker: ${options} countries, selected ${country}`);

  check(new URL(page.url()).searchParams.get('country') === country, 'the address bar keeps the chosen country');

  // Trend chart (uPlot draws on a canvas, series listed in its legend).
  await page.waitForSelector('#trend canvas', { timeout: 20000 });
  check(await num('#trend', 'data-points') > 1, 'trend chart has several periods');
  check(await num('#trend', 'data-series') >= 1, 'trend chart has partner series');
  check(await page.locator('#trend .u-legend .u-series').count() >= 2, 'trend legend lists series');

  // Network (cytoscape canvas).
  await page.waitForSelector('#network canvas', { timeout: 20000 });
  check(await num('#network', 'data-nodes') >= 3, 'network has nodes');
  check(await num('#network', 'data-edges') >= 2, 'network has edges');
  const netInfo = await page.textContent('#network-info');
  check(/countries/.test(netInfo), `network info: ${netInfo}`);

  // Map: every country drawn, partners shaded.
  await page.waitForSelector('#map svg', { timeout: 20000 });
  check(await page.locator('#map svg path').count() > 150, 'map draws the world');
  check(await num('#map', 'data-shaded') >= 1, 'map shades partner countries');
  check(await page.locator(`#map path[data-a3="${country}"].self`).count() === 1, 'selected country marked on the map');

  // Regional view: the selected country fills more of the map.
  const worldBox = await page.locator(`#map path[data-a3="${country}"]`).boundingBox();
  await page.click('#map-view button[data-view="region"]');
  await page.waitForSelector('#map[data-view="region"] svg', { timeout: 10000 });
  const regionBox = await page.locator(`#map path[data-a3="${country}"]`).boundingBox();
  check(regionBox && worldBox && regionBox.width > 2 * worldBox.width, `region view zooms in (${worldBox && worldBox.width} -> ${regionBox && regionBox.width} px)`);
  await page.locator('#map-card').screenshot({ path: join(artifacts, `${prefix}-map-region.png`) });
  await page.click('#map-view button[data-view="world"]');

  // Events table with highlighted evidence.
  await page.waitForSelector('#events tbody tr td', { timeout: 20000 });
  check(await num('#events', 'data-rows') >= 1, 'event table has rows');
  check(await page.locator('#events mark').count() >= 1, 'evidence words highlighted');

  await page.screenshot({ path: join(artifacts, `${prefix}.png`), fullPage: true });

  // The table's CSV download gives the same events.
  const href = await page.getAttribute('#events-csv', 'href');
  const csvRes = await ctx.request.get(base + href);
  const csvLines = (await csvRes.text()).trim().split('\n');
  const total = Number((await page.textContent('#events-page')).split(' of ')[1]);
  check(csvRes.ok() && csvLines[0].startsWith('id,date,source') && csvLines.length - 1 >= total,
    `CSV download: ${csvLines.length - 1} rows for ${total} events`);

  // Alerts: click one, its events appear in the table.
  let nAlerts = await page.locator('#alerts li.alert').count();
  if (!nAlerts) {
    await page.check('#alerts-all');
    await page.waitForTimeout(1000);
    nAlerts = await page.locator('#alerts li.alert').count();
  }
  if (needAlerts || nAlerts) check(nAlerts >= 1, `alerts listed: ${nAlerts}`);
  if (nAlerts) {
    const first = page.locator('#alerts li.alert').first();
    const head = await first.locator('strong').textContent();
    const [a, b] = head.split('→').map((s) => s.trim());
    await first.click();
    await page.waitForFunction(() => /alert/.test(document.getElementById('events-title').textContent), null, { timeout: 15000 });
    await page.waitForTimeout(300);
    const rows = await page.locator('#events tbody tr').all();
    let inDyad = rows.length > 0;
    for (const r of rows) {
      const codes = await r.locator('td code').allTextContents(); // source, event code, target
      const src = codes[0] || '', tgt = codes[2] || '';
      const ok = (src.startsWith(a) && tgt.startsWith(b)) || (src.startsWith(b) && tgt.startsWith(a));
      if (!ok) inDyad = false;
    }
    check(inDyad, `alert ${a}→${b}: ${rows.length} events of that dyad shown`);
    check(await page.locator('#alerts li.alert.sel').count() === 1, 'clicked alert is selected');
    await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header would sit mid-page
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(artifacts, `${prefix}-alert-events.png`), fullPage: true });
  }

  // Switch country from the picker: panels follow.
  const other = await page.$$eval('#country option', (os, c) => os.map((o) => o.value).find((v) => v !== c), country);
  if (other) {
    await page.selectOption('#country', other);
    await page.waitForFunction((c) => document.querySelector(`#map path[data-a3="${c}"].self`), other, { timeout: 15000 });
    check(true, `switched country to ${other}`);
    await page.selectOption('#country', country);
    await page.waitForFunction((c) => document.querySelector(`#map path[data-a3="${c}"].self`), country, { timeout: 15000 });
  }

  // Live coding of pasted text.
  const article = 'The United States imposed new sanctions on Venezuela on Tuesday. ' +
    'Russia condemned the United States and pledged support for Venezuela.';
  await page.fill('#code-text', article);
  await page.click('#code-go');
  await page.waitForSelector('#code-out[data-count]', { timeout: 20000 });
  const coded = await page.getAttribute('#code-out', 'data-count');
  check(coded !== 'error' && Number(coded) >= 1, `pasted text coded into ${coded} events`);
  check(await page.locator('#code-out .coded mark').count() >= 1, 'coded evidence highlighted');
  await page.locator('#code-card').screenshot({ path: join(artifacts, `${prefix}-code.png`) });

  // Narrow screen: the layout collapses to one column without overflow.
  await page.setViewportSize({ width: 420, height: 900 });
  await page.waitForTimeout(600);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 2, `no horizontal overflow on a phone-sized screen (${overflow}px)`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(artifacts, `${prefix}-narrow.png`), fullPage: true });

  // A link with ?country= opens that country.
  if (other) {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`${base}/?country=${other}`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
    check(await page.inputValue('#country') === other, `deep link opens ${other}`);
  }

  check(consoleErrors.length === 0, `no console errors: ${consoleErrors.slice(0, 3).join(' | ')}`);
  check(foreign.length === 0, `nothing fetched from elsewhere: ${foreign.slice(0, 3).join(' ')}`);
}

try {
  if (prefix === 'empty') await emptyStore();
  else await fullStore();
} catch (e) {
  failures.push(String(e));
  console.log('FAIL:', e);
  try { await page.screenshot({ path: join(artifacts, `${prefix}-failure.png`), fullPage: true }); } catch {}
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${checks} checks, ${failures.length} failed; screenshots in ${artifacts}`);
process.exit(failures.length ? 1 : 0);
