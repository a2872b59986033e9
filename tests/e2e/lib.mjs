// What the browser tests share: the browser, signing in, going to a page
// and checking it (Chinese text, no raw error, no server error, no
// horizontal scrolling of the page, and — once per kind of page — no
// accessibility violation of serious or critical impact by axe-core),
// clicking, filling, saving, screenshots and the test steps with their
// cmocka-style summary lines.
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

export const NEW_PASSWORD = "Jixiao-E2e-2026!";

export async function start(argv, name) {
  const [base, loginsFile, artifacts, executablePath = "/usr/bin/chromium"] = argv;
  // "│ phone │ one-time password │ post │ unit │" rows of `jixiao demo`
  const oneTime = new Map();
  for (const line of readFileSync(loginsFile, "utf8").split("\n")) {
    const m = line.match(/^│ (1\d{10}) │ (\S+) /);
    if (m) oneTime.set(m[1], m[2]);
  }
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const t = { base: base.replace(/\/$/, ""), oneTime, artifacts, browser, name,
              shots: 0, passed: 0, pages: new Map(), audited: new Map() };
  return t;
}

export function fail(message) {
  throw new Error(message);
}

// The kind of a page, for auditing each once: /tasks/12/projects/2 → /tasks/N/projects/N
function kind(url) {
  const u = new URL(url);
  return u.pathname.replace(/\d+/g, "N");
}

// Every page: Chinese, no raw error text, no server error status, the
// page not wider than the window, and axe-core's rules.
export async function check(t, page, response) {
  if (response && response.status() >= 500) fail(`${page.url()}: HTTP ${response.status()}`);
  const text = await page.locator("body").innerText();
  for (const raw of ["(null)", "undefined", "NaN", "Internal Server Error", "Segmentation"])
    if (text.includes(raw)) fail(`${page.url()} shows "${raw}"`);
  if (!/[\u4e00-\u9fff]/.test(text)) fail(`${page.url()} has no Chinese text`);
  const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  if (width[0] > width[1]) fail(`${page.url()} is ${width[0]} px wide in a ${width[1]} px window`);
  const k = `${kind(page.url())} @${width[1]}`;
  if (!t.audited.has(k)) {
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    t.audited.set(k, results.violations.length);
    if (bad.length)
      fail(`${page.url()}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes[0].target.join(" ")}`).join("; ")}`);
  }
}

export async function shot(t, page, name) {
  t.shots++;
  const n = String(t.shots).padStart(2, "0");
  await page.screenshot({ path: `${t.artifacts}/${t.name}-${n}-${name}.png`, fullPage: true });
}

export async function go(t, page, path) {
  const response = await page.goto(t.base + path);
  await check(t, page, response);
  return response;
}

// Submit by clicking, wait for the page it leads to, check it.
export async function click(t, page, selector) {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.locator(selector).first().click(),
  ]);
  await check(t, page, response);
  return response;
}

export async function expectText(page, text) {
  const body = await page.locator("body").innerText();
  if (!body.includes(text)) fail(`${page.url()}: expected "${text}"`);
}

// Sign in (first time: replace the one-time password) and land on 待办事项;
// width: the window's (a phone: 390).
export async function signIn(t, phone, width = 1366, key = phone) {
  if (t.pages.has(key)) return t.pages.get(key);
  const context = await t.browser.newContext({ viewport: { width, height: 900 }, locale: "zh-CN",
                                               isMobile: width < 500, hasTouch: width < 500 });
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    page.lastDialog = dialog.message();
    dialog.accept(); // data-confirm questions
  });
  for (const password of [t.oneTime.get(phone), NEW_PASSWORD]) {
    await go(t, page, "/login");
    await page.fill("input[name=phone]", phone);
    await page.fill("input[name=password]", password);
    await click(t, page, "form[action='/login'] button[type=submit]");
    if (!page.url().includes("/login")) break;
  }
  if (page.url().includes("/password")) {
    await page.fill("input[name=old]", t.oneTime.get(phone));
    await page.fill("input[name=new]", NEW_PASSWORD);
    await page.fill("input[name=confirm]", NEW_PASSWORD);
    await click(t, page, "form[action='/password'] button[type=submit]");
  }
  await go(t, page, "/");
  await expectText(page, "待办事项");
  t.pages.set(key, page);
  return page;
}

// Close the browser of a user no longer needed (the server keeps at most
// 16 connections from one address).
export async function signOut(t, key) {
  const page = t.pages.get(key);
  if (!page) return;
  t.pages.delete(key);
  await page.context().close();
}

export async function step(t, name, fn) {
  try {
    await fn();
    t.passed++;
    console.log(`ok   e2e ${t.name}: ${name}`);
  } catch (error) {
    console.log(`FAIL e2e ${t.name}: ${name}: ${error.message}`);
    for (const [key, page] of t.pages)
      await page.screenshot({ path: `${t.artifacts}/${t.name}-failed-${key}.png`, fullPage: true })
        .catch(() => {});
    console.log(`[  PASSED  ] ${t.passed} test(s)`);
    console.log(`[  FAILED  ] 1 test(s)`);
    await t.browser.close();
    process.exit(1);
  }
}

export async function finish(t) {
  await t.browser.close();
  console.log(`e2e ${t.name}: axe-core audited ${t.audited.size} kinds of page; ` +
              `violations of minor or moderate impact: ${[...t.audited.values()].reduce((a, b) => a + b, 0)}`);
  console.log(`[  PASSED  ] ${t.passed} test(s)`);
}

export async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`[name="${name}"]`).last();
    if ((await field.evaluate((e) => e.tagName)) === "SELECT") await field.selectOption(value);
    else await field.fill(value);
  }
}

export async function computed(page, path) {
  return (await page.locator(`output[data-cell="${path}"]`).innerText()).trim();
}

export async function waitComputed(page, path, want) {
  await page.waitForFunction(
    ([p, w]) => document.querySelector(`output[data-cell="${p}"]`)?.textContent.trim() === w,
    [path, want], { timeout: 10000 });
}

// The page script recomputes while the user types; save once it is idle.
export async function idle(page) {
  await page.waitForSelector("form.edit-form:not([data-busy])", { timeout: 10000 });
}

export async function save(t, page) {
  await idle(page);
  await click(t, page, ".savebar button[type=submit]:not([name])");
  await expectText(page, "已保存");
}

export async function transition(t, page, action, comment) {
  if (comment) await page.fill("textarea[name=comment]", comment);
  await click(t, page, `button[name=action][value=${action}]`);
}

// Add n rows to the array at path: each a save, the page updated in place.
export async function addRows(t, page, path, n) {
  for (let i = 0; i < n; i++) {
    await idle(page);
    await click(t, page, `button[name=op][value="add:${path}"]`);
  }
}
