// Opens Orleans' cluster dashboard the way ops do, in headless Chromium: /dashboard/cluster.html#token=<ops token>
// exchanges the token for the dashboard's cookie and lands on /orleans/; then waits until the page shows the
// cluster (its text names the silo's grain types) and saves a screenshot. With --refused-token it also tries a
// tenant role's token, which must be turned away on the sign-in page. Prints one JSON line.
//
//   node tests/browser/cluster-dashboard.mjs --api http://127.0.0.1:5080 --token <ops token> --out /tmp/shots [--refused-token T]
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) => (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ""), all[i + 1]]] : pairs), []));
const api = (args.api ?? "").replace(/\/$/, "");
const out = args.out ?? ".";
const executablePath = args.chromium ?? process.env.CRM_CHROMIUM ?? "/usr/bin/chromium";
const expect = (args.expect ?? "").split(",").filter(Boolean);
const expectGrains = (args["expect-grains"] ?? "").split(",").filter(Boolean);
if (!api || !args.token) {
  console.error("usage: node cluster-dashboard.mjs --api URL --token OPS_TOKEN --out DIR [--refused-token T] [--expect a,b] [--chromium PATH]");
  process.exit(2);
}

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
const result = { pageErrors: [] };
try {
  if (args["refused-token"]) {
    const page = await browser.newPage();
    await page.goto(`${api}/dashboard/cluster.html#token=${args["refused-token"]}`);
    await page.waitForFunction(() => document.getElementById("problem").textContent.length > 0, null, { timeout: 30_000 });
    result.refusedMessage = await page.textContent("#problem");
    result.refusedUrl = new URL(page.url()).pathname;
    const direct = await page.goto(`${api}/orleans/`);
    result.withoutCookieStatus = direct.status();
    await page.close();
  }

  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on("pageerror", (e) => result.pageErrors.push(String(e)));
  await page.goto(`${api}/dashboard/cluster.html#token=${args.token}`);
  await page.waitForURL(/\/orleans\/$/, { timeout: 30_000 });
  result.landedOn = new URL(page.url()).pathname;
  result.cookieHttpOnly = (await page.context().cookies()).find((c) => c.name === "crm_cluster")?.httpOnly ?? null;

  // The dashboard fills itself from its own API every second; wait until it shows what it was asked to show.
  const showing = async (wanted) => {
    const started = Date.now();
    let text = "";
    while (Date.now() - started < 60_000) {
      text = await page.evaluate(() => document.body.innerText);
      if (wanted.every((e) => text.includes(e)) && text.length > 200) break;
      await page.waitForTimeout(500);
    }
    return text;
  };
  const overview = await showing(expect);
  result.found = expect.filter((e) => overview.includes(e));
  result.text = overview.slice(0, 2000);
  await page.screenshot({ path: join(out, "cluster-dashboard.png"), fullPage: true });
  await page.getByRole("link", { name: "Grains", exact: true }).click();
  const grains = await showing(expectGrains);
  result.grainsFound = expectGrains.filter((e) => grains.includes(e));
  result.grainsText = grains.slice(0, 2000);
  await page.screenshot({ path: join(out, "cluster-dashboard-grains.png"), fullPage: true });
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
