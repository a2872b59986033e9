// The fill-in and review chain in a real browser (issue 5's acceptance):
// the preparer of subordinate unit 103002 fills in every part of its 2023
// self-evaluation from seed 003's figures, its reviewer returns it with a
// comment, it is corrected and sent again, and the supervising unit
// 103001 approves it; 103001's own task is refused until then, and then
// goes up to the finance bureau. Every page is checked for Chinese text
// and the absence of raw errors, and kept as a screenshot.
//
//   node tests/e2e/workflow.mjs URL LOGINS ARTIFACTS [CHROMIUM]
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [base, loginsFile, artifacts, executablePath = "/usr/bin/chromium"] = process.argv.slice(2);
const NEW_PASSWORD = "Jixiao-E2e-2026!";

// "│ phone │ one-time password │ post │ unit │" rows of `jixiao demo`
const oneTime = new Map();
for (const line of readFileSync(loginsFile, "utf8").split("\n")) {
  const m = line.match(/^│ (1\d{10}) │ (\S+) /);
  if (m) oneTime.set(m[1], m[2]);
}

const PREPARER = "15103002001", REVIEWER = "15103002002";
const SUP_PREPARER = "15103001001", SUP_REVIEWER = "15103001002", FINANCE = "18800000002";

const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

let shots = 0;
let passed = 0;
const pages = new Map(); // phone → page, each its own browser context

function fail(message) {
  throw new Error(message);
}

// Every page: Chinese, no raw error text, no server error status.
async function check(page, response) {
  if (response && response.status() >= 500) fail(`${page.url()}: HTTP ${response.status()}`);
  const text = await page.locator("body").innerText();
  for (const raw of ["(null)", "undefined", "NaN", "Internal Server Error", "Segmentation"])
    if (text.includes(raw)) fail(`${page.url()} shows "${raw}"`);
  if (!/[\u4e00-\u9fff]/.test(text)) fail(`${page.url()} has no Chinese text`);
}

async function shot(page, name) {
  shots++;
  await page.screenshot({ path: `${artifacts}/${String(shots).padStart(2, "0")}-${name}.png`, fullPage: true });
}

async function go(page, path) {
  const response = await page.goto(base.replace(/\/$/, "") + path);
  await check(page, response);
  return response;
}

// Submit by clicking, wait for the page it leads to, check it.
async function click(page, selector) {
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.locator(selector).first().click(),
  ]);
  await check(page, response);
  return response;
}

async function expectText(page, text) {
  const body = await page.locator("body").innerText();
  if (!body.includes(text)) fail(`${page.url()}: expected "${text}"`);
}

// Sign in (first time: replace the one-time password) and land on 待办事项.
async function signIn(phone) {
  if (pages.has(phone)) return pages.get(phone);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.on("dialog", (dialog) => dialog.accept()); // data-confirm questions
  await go(page, "/login");
  await page.fill("input[name=phone]", phone);
  await page.fill("input[name=password]", oneTime.get(phone));
  await click(page, "button[type=submit]");
  if (page.url().includes("/password")) {
    await page.fill("input[name=old]", oneTime.get(phone));
    await page.fill("input[name=new]", NEW_PASSWORD);
    await page.fill("input[name=confirm]", NEW_PASSWORD);
    await click(page, "main button[type=submit]");
  }
  await go(page, "/");
  await expectText(page, "待办事项");
  pages.set(phone, page);
  return page;
}

async function step(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   e2e ${name}`);
  } catch (error) {
    console.log(`FAIL e2e ${name}: ${error.message}`);
    for (const [phone, page] of pages)
      await page.screenshot({ path: `${artifacts}/failed-${phone}.png`, fullPage: true }).catch(() => {});
    console.log(`[  PASSED  ] ${passed} test(s)`);
    console.log(`[  FAILED  ] 1 test(s)`);
    await browser.close();
    process.exit(1);
  }
}

// The task of unit code for 2023 in the signed-in user's query list.
async function taskId(page, code) {
  await go(page, `/tasks?year=2023&unit=${code}`);
  const href = await page.locator(`table.tasks a:has-text("${code}")`).first().getAttribute("href");
  return href.match(/\/tasks\/(\d+)/)[1];
}

async function fill(page, values) {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`[name="${name}"]`).last();
    if ((await field.evaluate((e) => e.tagName)) === "SELECT") await field.selectOption(value);
    else await field.fill(value);
  }
}

async function computed(page, path) {
  return (await page.locator(`output[data-cell="${path}"]`).innerText()).trim();
}

async function waitComputed(page, path, want) {
  await page.waitForFunction(
    ([p, w]) => document.querySelector(`output[data-cell="${p}"]`)?.textContent.trim() === w,
    [path, want], { timeout: 10000 });
}

// The page script recomputes while the user types; save once it is idle.
async function idle(page) {
  await page.waitForSelector("form.edit-form:not([data-busy])", { timeout: 10000 });
}

async function save(page) {
  await idle(page);
  await click(page, ".savebar button[type=submit]:not([name])");
  await expectText(page, "已保存");
}

async function transition(page, action, comment) {
  if (comment) await page.fill("textarea[name=comment]", comment);
  await click(page, `button[name=action][value=${action}]`);
}

// A minimal PDF: the 自评报告 and 项目自评报告 uploads.
function pdf(title) {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${title}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}

async function upload(page, id, kind, name, project) {
  await go(page, `/tasks/${id}/files`);
  await page.selectOption("select[name=kind]", kind);
  if (project) await page.selectOption("select[name=project]", project);
  await page.setInputFiles("input[name=file]", { name, mimeType: "application/pdf", buffer: pdf(name) });
  await click(page, "form[enctype] button[type=submit]");
  await expectText(page, name);
}

// ---- seed 003's figures ---------------------------------------------------------------

const SE = "$.self_eval";
const ITEMS = `${SE}.indicators[0].groups[0].items`;
const indicators = [
  ["项目支出预算执行率", "=", "100", "%", "89.18", "100", "8", "", ""],
  ["项目预算", "<=", "214.76", "万元", "102.48", "407.98", "12", "减少经费，厉行节约。", ""],
  ["商业促销活动完成率", "=", "100", "%", "100", "100", "14", "", ""],
  ["资金支付及时率", "=", "100", "%", "76.84", "98.91", "6", "偏差较小。", ""],
  ["外资外贸进出口总额增长率", ">=", "8", "%", "22.7", "80.2", "10",
   "2022年疫情封控，外贸受到重创，2023 年恢复正常水平。", "今后设置目标值要进行严谨调研和测算。"],
  ["社会品零售额", ">=", "160", "亿元", "99.4", "214.2万元", "15",
   "2022 年疫情封控，社会零售业受到影响，2023 年恢复正常水平。", "今后设置目标值要进行严谨调研和测算。"],
  ["营商环境评价指标良好率", ">=", "80", "%", "80", "95", "15",
   "2023 年我局高度重视此项工作，通过政策宣传，资金补贴，举办展会等方式提升了辖区企业营商环境。",
   "今后设置目标值要进行严谨调研和测算。"],
  ["服务企业满意度", ">=", "95", "%", "95", "99.38", "10",
   "2023 年我局高度重视此项工作，通过政策宣传，资金补贴，举办展会等方式大幅度提高了企业满意度。",
   "今后设置目标值要进行严谨调研和测算。"],
];

function indicatorValues(items, k, row) {
  const p = `${items}[${k}]`;
  const [name, op, target, unit, midyear, actual, weight, deviation, improvement] = row;
  return {
    [`${p}.name`]: name, [`${p}.kind`]: "quantitative",
    [`${p}.target`]: op + target, [`${p}.unit`]: unit, [`${p}.midyear`]: midyear,
    [`${p}.actual`]: actual, [`${p}.weight`]: weight, [`${p}.deviation`]: deviation,
    [`${p}.improvement`]: improvement,
  };
}

// Add n rows to the array at path (each a save of the page).
async function addRows(page, path, n) {
  for (let i = 0; i < n; i++) {
    await idle(page);
    await click(page, `button[name=op][value="add:${path}"]`);
  }
}

// A project's table: its budget and one indicator worth 90 points, met.
async function fillProject(page, p, name, amount, withHead) {
  if (withHead) await fill(page, { [`${p}.name`]: name });
  await fill(page, { [`${p}.budget.adjusted`]: amount, [`${p}.budget.executed`]: amount });
  await save(page);
  // a table without levels (seed 003's projects) gets one first
  if ((await page.locator(`button[value="add:${p}.indicators[0].groups[0].items"]`).count()) === 0)
    await addRows(page, `${p}.indicators`, 1);
  await addRows(page, `${p}.indicators[0].groups[0].items`, 1);
  await fill(page, indicatorValues(`${p}.indicators[0].groups[0].items`, 0,
    ["项目建设完成率", "=", "100", "%", "", "100", "90", "", ""]));
  await save(page);
  if ((await computed(page, `${p}.stated_total`)) !== "100.00") fail(`${name}: total not 100`);
}

// ---- the chain -------------------------------------------------------------------------

let sub, sup;

await step("the preparer signs in and sees the task waiting", async () => {
  const page = await signIn(PREPARER);
  await expectText(page, "高新区（新市区）商务服务中心");
  await shot(page, "preparer-todo");
  sub = await taskId(page, "103002");
  await go(page, `/tasks/${sub}`);
  await expectText(page, "经办岗填报中");
  await shot(page, "task-overview-draft");
});

await step("自评表: the budget, computed as the preparer types", async () => {
  const page = pages.get(PREPARER);
  await go(page, `/tasks/${sub}/self`);
  await fill(page, {
    [`${SE}.budget.initial`]: "396.54", [`${SE}.budget.adjusted`]: "412.49",
    [`${SE}.budget.executed`]: "407.98",
    [`${SE}.budget.by_expenditure[0].initial`]: "239.34",
    [`${SE}.budget.by_expenditure[0].adjusted`]: "217.21",
    [`${SE}.budget.by_expenditure[0].executed`]: "212.70",
    [`${SE}.budget.by_expenditure[1].initial`]: "157.20",
    [`${SE}.budget.by_expenditure[1].adjusted`]: "195.28",
    [`${SE}.budget.by_expenditure[1].executed`]: "195.28",
  });
  // recomputed by the server while typing, before any save
  await waitComputed(page, `${SE}.budget.stated_score`, "9.89");
  await waitComputed(page, `${SE}.budget.stated_rate_pct`, "98.91%");
  await waitComputed(page, `${SE}.budget.stated_expenditure_total`, "407.98");
  await shot(page, "self-budget-live");
  await save(page);
});

await step("自评表: the eight indicators of seed 003", async () => {
  const page = pages.get(PREPARER);
  await addRows(page, ITEMS, indicators.length);
  let values = { [`${SE}.goal.declared`]: "完成年度商务工作目标。",
                 [`${SE}.goal.achieved`]: "全年完成各项商务工作任务。" };
  indicators.forEach((row, k) => Object.assign(values, indicatorValues(ITEMS, k, row)));
  await fill(page, values);
  await waitComputed(page, `${SE}.stated_total`, "79.14");
  await save(page);
  if ((await computed(page, `${SE}.stated_total`)) !== "79.14") fail("total is not 79.14");
  if ((await computed(page, `${SE}.stated_grade`)) !== "中") fail("grade is not 中");
  if ((await computed(page, `${ITEMS}[1]#computed`)) !== "6.32") fail("项目预算 is not 6.32");
  await expectText(page, "疑为单位错误"); // 214.2 万元 against 160 亿元
  await shot(page, "self-table-saved");
});

await step("基础数据表: staffing", async () => {
  const page = pages.get(PREPARER);
  await go(page, `/tasks/${sub}/basic`);
  await fill(page, { "$.basic_data.staffing.authorized": "10", "$.basic_data.staffing.actual": "11" });
  await waitComputed(page, "$.basic_data.staffing.stated_control_rate_pct", "110.00%");
  await save(page);
  await expectText(page, "超过编制");
  await shot(page, "basic-data");
});

await step("项目支出表: a project added and filled in", async () => {
  const page = pages.get(PREPARER);
  await go(page, `/tasks/${sub}/projects`);
  await click(page, 'button[value="add:$.projects"]');
  await fillProject(page, "$.projects[0]", "蔬菜直销店建设及方案编制资金", "189.5", true);
  await shot(page, "project-table");
  await go(page, `/tasks/${sub}/projects`);
  await expectText(page, "蔬菜直销店建设及方案编制资金");
});

await step("文件: the reports, then 送审", async () => {
  const page = pages.get(PREPARER);
  await upload(page, sub, "self_report", "2023年度部门整体支出绩效自评报告.pdf");
  await upload(page, sub, "project_report", "蔬菜直销店项目自评报告.pdf", "蔬菜直销店建设及方案编制资金");
  await shot(page, "files");
  await go(page, `/tasks/${sub}`);
  await transition(page, "submit");
  await expectText(page, "已送审");
  await expectText(page, "待本单位审核");
  await shot(page, "submitted");
});

await step("the reviewer returns it with a comment", async () => {
  const page = await signIn(REVIEWER);
  await expectText(page, "高新区（新市区）商务服务中心");
  await go(page, `/tasks/${sub}`);
  await transition(page, "return");
  await expectText(page, "退回时须填写退回意见"); // refused without a comment
  await transition(page, "return", "请补充“资金支付及时率”的改进措施。");
  await expectText(page, "经办岗填报中");
  await shot(page, "returned");
});

await step("the preparer corrects it and sends it again", async () => {
  const page = pages.get(PREPARER);
  await go(page, "/");
  await expectText(page, "高新区（新市区）商务服务中心");
  await go(page, `/tasks/${sub}`);
  await expectText(page, "请补充“资金支付及时率”的改进措施。");
  await go(page, `/tasks/${sub}/self`);
  await fill(page, { [`${ITEMS}[3].improvement`]: "加快资金拨付进度。" });
  await save(page);
  await go(page, `/tasks/${sub}`);
  await transition(page, "submit");
  await expectText(page, "待本单位审核");
});

await step("the reviewer forwards it to the supervising unit", async () => {
  const page = pages.get(REVIEWER);
  await go(page, `/tasks/${sub}`);
  await transition(page, "submit", "已核对。");
  await expectText(page, "待主管部门审核");
  await shot(page, "forwarded");
});

await step("the supervising unit's own task waits for its subordinates", async () => {
  const page = await signIn(SUP_PREPARER);
  sup = await taskId(page, "103001");
  await go(page, `/tasks/${sup}`);
  await transition(page, "submit");
  await expectText(page, "本部门尚有 1 个二级机构的自评任务未完成审核");
  await expectText(page, "经办岗填报中");
  await shot(page, "supervising-refused");
});

await step("the supervising unit approves the subordinate's task", async () => {
  const page = await signIn(SUP_REVIEWER);
  await expectText(page, "高新区（新市区）商务服务中心");
  await shot(page, "supervisor-todo");
  await go(page, `/tasks/${sub}`);
  await transition(page, "approve", "同意。");
  await expectText(page, "已完成");
  await expectText(page, "办理记录");
  await shot(page, "approved");
});

await step("the supervising unit's own task goes through to the finance bureau", async () => {
  const page = pages.get(SUP_PREPARER);
  // seed 003's project tables have no indicators: fill them in
  await go(page, `/tasks/${sup}/projects/1`);
  await fillProject(page, "$.projects[0]", "蔬菜直销店建设及方案编制资金", "189.5", false);
  await go(page, `/tasks/${sup}/projects/2`);
  await fillProject(page, "$.projects[1]", "驻社区补助项目", "5.78", false);
  await upload(page, sup, "self_report", "乌鲁木齐高新区商务局自评报告.pdf");
  await upload(page, sup, "project_report", "蔬菜直销店项目报告.pdf", "蔬菜直销店建设及方案编制资金");
  await upload(page, sup, "project_report", "驻社区补助项目报告.pdf", "驻社区补助项目");
  await go(page, `/tasks/${sup}`);
  await transition(page, "submit");
  await expectText(page, "待本单位审核");
  const reviewer = pages.get(SUP_REVIEWER);
  await go(reviewer, `/tasks/${sup}`);
  await transition(reviewer, "submit", "已审核。");
  await expectText(reviewer, "待财政绩效经办审核");
});

await step("the finance bureau approves it", async () => {
  const page = await signIn(FINANCE);
  await expectText(page, "乌鲁木齐高新区（新市区）商务局");
  await shot(page, "finance-todo");
  await go(page, `/tasks/${sup}`);
  await transition(page, "approve", "同意。");
  await expectText(page, "已完成");
  await shot(page, "finance-approved");
  await go(page, "/tasks?year=2023&unit=103&status=done");
  await expectText(page, "共 2 项");
  await shot(page, "query");
});

writeFileSync(`${artifacts}/README.txt`,
  "Screenshots of jixiao's pages taken by tests/e2e/workflow.mjs, in the order of the chain.\n");
await browser.close();
console.log(`[  PASSED  ] ${passed} test(s)`);
