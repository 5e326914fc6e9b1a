// Opens the API reference page (/scalar/v1) in headless Chromium (Debian's chromium through playwright-core) as a
// newcomer would, waits until it shows our operations, opens "Test Request" on one, and reports what the page did:
// every request it made outside the web API (blocked here, so nothing leaves the machine), every link or button it
// shows to the vendor's hosted services, and its errors. Prints one JSON line.
//
//   node tests/browser/api-reference.mjs --url http://127.0.0.1:5080/scalar/v1 [--chromium /usr/bin/chromium]
import { chromium } from "playwright-core";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, value, i, all) => (i % 2 === 0 ? [...pairs, [value.replace(/^--/, ""), all[i + 1]]] : pairs), []));
const url = args.url;
const executablePath = args.chromium ?? process.env.CRM_CHROMIUM ?? "/usr/bin/chromium";
if (!url) {
  console.error("usage: node api-reference.mjs --url URL [--chromium PATH]");
  process.exit(2);
}

// Labels of the vendor's hosted offers (the developer toolbar, its hosted client, the AI chat, MCP, SDKs).
const vendorLabels = ["Open API Client", "Developer Tools", "Deploy", "Share", "Generate SDK", "Generate MCP", "Connect MCP", "Ask AI", "Scalar Pro"];
const own = new URL(url).host;
const outside = [];
const pageErrors = [];

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "en-US" });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.route("**/*", (route) => {
    const target = new URL(route.request().url());
    if (target.protocol.startsWith("http") && target.host !== own) {
      outside.push(target.href);
      return route.abort();
    }
    return route.continue();
  });

  await page.goto(url, { waitUntil: "load" });
  // An operation of ours, rendered from /openapi/v1.json: the page is up.
  try {
    await page.getByText("Capture a lead").first().waitFor({ timeout: 60000 });
  } catch (e) {
    const text = await page.evaluate(() => document.body.innerText);
    console.error(JSON.stringify({ waiting: String(e), text: text.slice(0, 3000), outside, pageErrors }));
    throw e;
  }
  const operations = await page.getByText("Capture a lead").count();

  // The embedded client behind "Test Request" is where the hosted client used to be offered.
  const testRequest = page.getByRole("button", { name: /Test Request/i }).first();
  let clientOpened = false;
  if (await testRequest.count()) {
    await testRequest.click();
    await page.getByText("Send", { exact: false }).first().waitFor({ timeout: 30000 });
    clientOpened = true;
  }
  await page.waitForLoadState("networkidle");

  const links = await page.$$eval("a[href]", (anchors) => anchors.map((a) => ({ text: a.innerText.trim(), href: a.href })));
  // a.href is absolute; mailto: and javascript: links have no host.
  const vendorLinks = links.filter((l) => /(^|\.)scalar\.com$/.test(new URL(l.href).hostname));
  const text = await page.evaluate(() => document.body.innerText);
  const shownLabels = vendorLabels.filter((label) => new RegExp(`(^|\\W)${label}(\\W|$)`).test(text));

  console.log(JSON.stringify({ title: await page.title(), operations, clientOpened, outside, vendorLinks, shownLabels, pageErrors }));
} finally {
  await browser.close();
}
