// Drives the manager dashboard in headless Chromium (Debian's chromium through playwright-core): loads the page
// with a manager token, submits leads through the API, waits until the numbers and the per-minute chart move,
// switches to Chinese, and saves laptop and phone screenshots, checking they are not blank. Prints one JSON line.
//
//   node tests/browser/dashboard.mjs --api http://127.0.0.1:5080 --token <manager token> --out /tmp/shots [--leads 5]
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
  console.error("usage: node dashboard.mjs --api URL --token TOKEN --out DIR [--leads N] [--chromium PATH]");
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
  result.before = await count();
  result.chartBefore = await chartTotal();

  const started = Date.now();
  for (let i = 0; i < leads; i++) {
    const phone = "139" + String(Date.now() % 100000000).padStart(8, "0").slice(-6) + String(i).padStart(2, "0");
    const response = await fetch(`${api}/api/v1/leads`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: `Browser test lead ${i} <script>alert(1)</script>`, phone, channel: "website_form", company: "Acme", productInterest: "implants" }),
    });
    if (!response.ok) throw new Error(`lead ${i}: ${response.status} ${await response.text()}`);
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

  await page.screenshot({ path: join(out, "dashboard-laptop.png"), fullPage: true });
  await page.click("#lang");
  result.chineseTitle = await page.locator("h1").textContent();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, "dashboard-phone.png"), fullPage: false });
  result.phoneOverflowPx = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  result.laptopNonBlank = nonBlankShare(join(out, "dashboard-laptop.png"));
  result.phoneNonBlank = nonBlankShare(join(out, "dashboard-phone.png"));
  result.pageErrors = errors;
} finally {
  await browser.close();
}

console.log(JSON.stringify(result));
