// Drives the manager dashboard in headless Chromium (Debian's chromium through playwright-core): loads the page
// with a manager token, submits leads through the API, waits until the numbers and the per-minute chart move,
// opens the leads of the region one lead was placed in (its city on the form), switches to Chinese, and saves laptop
// and phone screenshots, checking they are not blank. Prints one JSON line.
//
//   node tests/browser/dashboard.mjs --api http://127.0.0.1:5080 --token <manager token> --out /tmp/shots [--leads 5]
//
// With --load-seconds S (bench/dashboard.sh) it measures instead how far the dashboard lags behind intake at peak:
// C closed-loop workers (--concurrency, default 32) post leads for S seconds; each acknowledgement is timed, the
// page's "leads in" count is sampled every 50 ms, and the k-th acknowledged lead counts as visible when the page
// first shows at least k more leads than at the start. Prints the rate and the lag's p50/p90/p99/max.
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { join } from "node:path";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) => (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ""), all[i + 1]]] : pairs), []));
const api = (args.api ?? "").replace(/\/$/, "");
const token = args.token;
const out = args.out ?? ".";
const leads = Number(args.leads ?? 5);
const executablePath = args.chromium ?? process.env.CRM_CHROMIUM ?? "/usr/bin/chromium";
if (!api || !token) {
  console.error("usage: node dashboard.mjs --api URL --token TOKEN --out DIR [--leads N] [--chromium PATH] [--load-seconds S] [--inert-names FILE]");
  process.exit(2);
}

mkdirSync(out, { recursive: true });

// Share of non-zero bytes in a PNG's filtered scanlines: a blank (single-colour) page is almost all zeros.
function nonBlankShare(file) {
  const png = readFileSync(file);
  const chunks = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString("ascii", at + 4, at + 8);
    if (type === "IDAT") chunks.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const pixels = inflateSync(Buffer.concat(chunks));
  let nonZero = 0;
  for (const b of pixels) if (b !== 0) nonZero++;
  return nonZero / pixels.length;
}

async function postLead(i, name, place = {}) {
  const phone = "13" + String(Math.floor(Math.random() * 1e9)).padStart(9, "0");
  const response = await fetch(`${api}/api/v1/leads`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name, phone, channel: "website_form", company: "Acme", productInterest: "implants", ...place }),
  });
  if (!response.ok && response.status !== 503) throw new Error(`lead ${i}: ${response.status} ${await response.text()}`);
  return response.ok;
}

async function measureLag(page, count) {
  const seconds = Number(args["load-seconds"]);
  const workers = Number(args.concurrency ?? 32);
  const start = await count();
  const acks = [];
  const samples = [];
  const until = Date.now() + seconds * 1000;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      samples.push([Date.now(), (await count()) - start]);
      await page.waitForTimeout(50);
    }
  })();
  let n = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (Date.now() < until) {
      if (await postLead(n++, "Load lead")) acks.push(Date.now());
    }
  }));
  const drained = Date.now() + 15000;
  while (samples.length === 0 || samples[samples.length - 1][1] < acks.length) {
    if (Date.now() > drained) break;
    await page.waitForTimeout(100);
  }
  sampling = false;
  await sampler;
  acks.sort((a, b) => a - b);
  const lags = acks.map((at, k) => {
    const seen = samples.find(([, shown]) => shown >= k + 1);
    return seen ? Math.max(0, seen[0] - at) : Infinity;
  }).sort((a, b) => a - b);
  const q = (p) => lags[Math.min(lags.length - 1, Math.ceil(p * lags.length) - 1)];
  return { acknowledged: acks.length, perSecond: Math.round(acks.length / seconds), shownAtEnd: samples[samples.length - 1][1], lagMs: { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: lags[lags.length - 1] } };
}

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
const result = {};
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "en-US" });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${api}/dashboard/index.html#token=${encodeURIComponent(token)}`);
  const card = page.locator('.card[data-metric="leads-in-per-minute"]');
  await card.waitFor({ timeout: 30000 });
  await page.locator("#live.on").waitFor({ timeout: 30000 });
  const count = async () => Number(await card.getAttribute("data-count"));
  const chartTotal = () => page.evaluate(() => Chart.getChart("perMinuteChart").data.datasets[0].data.reduce((a, b) => a + b, 0));
  if (args["inert-names"]) {
    // Names already stored as leads (the bad-input corpus): each must show as its own text, and none may run.
    const names = JSON.parse(readFileSync(args["inert-names"], "utf8"));
    let dialogs = 0;
    page.on("dialog", async (d) => { dialogs++; await d.dismiss(); });
    await page.locator('.card[data-metric="unassigned"]').click();
    await page.locator("#drillTable td").first().waitFor({ timeout: 10000 });
    await page.waitForTimeout(1500);
    const cells = await page.locator("#drillTable td").allTextContents();
    result.shown = names.filter((name) => cells.includes(name)).length;
    result.missing = names.filter((name) => !cells.includes(name));
    result.pwned = await page.evaluate(() => window.__pwned !== undefined);
    result.dialogs = dialogs;
    result.scripts = await page.evaluate(() => document.querySelectorAll("script").length);
    result.pageErrors = errors;
  } else if (args["load-seconds"]) {
    Object.assign(result, await measureLag(page, count));
  } else {
    result.before = await count();
    result.chartBefore = await chartTotal();

    const started = Date.now();
    for (let i = 0; i < leads; i++) {
      const place = i === 0 ? { city: "深圳" } : {};
      if (!(await postLead(i, `Browser test lead ${i} <script>alert(1)</script>`, place))) throw new Error(`lead ${i} was refused (503)`);
    }
    const submitted = Date.now();

    while ((await count()) < result.before + leads) {
      if (Date.now() - submitted > 30000) throw new Error(`the dashboard still shows ${await count()} leads in after 30 s (was ${result.before})`);
      await page.waitForTimeout(50);
    }
    result.after = await count();
    result.visibleAfterMs = Date.now() - submitted;
    result.submitMs = submitted - started;
    result.chartAfter = await chartTotal();

    await page.locator('.card[data-metric="unassigned"]').click();
    await page.locator("#drillTable td").first().waitFor({ timeout: 10000 });
    result.drillRows = await page.locator("#drillTable tr").count() - 1;
    result.injectedTextShown = await page.locator("#drillTable td", { hasText: "<script>alert(1)</script>" }).count();
    result.injectedTextIsInert = (await page.evaluate(() => document.querySelectorAll("script").length)) === 2;

    // The regional table: the lead posted with a city shows under Guangdong / Shenzhen, and its row opens its leads.
    const shenzhen = page.locator('#regionsTable tr[data-province="Guangdong"][data-city="Shenzhen"]');
    await shenzhen.waitFor({ timeout: 10000 });
    result.regionRows = await page.locator("#regionsTable tr[data-province]").count();
    result.shenzhenLeads = Number(await shenzhen.locator("td").nth(1).textContent());
    await shenzhen.click();
    await page.locator("#drillMetric", { hasText: "Guangdong · Shenzhen" }).waitFor({ timeout: 10000 });
    result.regionDrillDetails = await page.locator("#drillTable td:last-child").allTextContents();

    await page.screenshot({ path: join(out, "dashboard-laptop.png"), fullPage: true });
    await page.click("#lang");
    result.chineseTitle = await page.locator("h1").textContent();
    result.chineseShenzhen = (await shenzhen.locator("td").first().textContent()).trim();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, "dashboard-phone.png"), fullPage: false });
    result.phoneOverflowPx = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    result.laptopNonBlank = nonBlankShare(join(out, "dashboard-laptop.png"));
    result.phoneNonBlank = nonBlankShare(join(out, "dashboard-phone.png"));
    result.pageErrors = errors;
  }
} finally {
  await browser.close();
}

console.log(JSON.stringify(result));
