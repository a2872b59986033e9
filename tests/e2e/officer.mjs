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
import { addRows, click, expectText, fail, fill, finish, go, idle, save, shot, signIn, signOut,
         start, step, transition } from "./lib.mjs";

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

// A call of the JSON API as the page's user (its session and CSRF token).
async function api(page, path, form, multipart) {
  const csrf = await page.locator("input[name=csrf]").first().inputValue();
  const r = await page.request.post(`${t.base}/api${path}`, {
    headers: { "X-CSRF-Token": csrf }, ...(multipart ? { multipart } : { form }),
  });
  const body = await r.json();
  if (!r.ok()) fail(`POST /api${path}: ${r.status()} ${JSON.stringify(body)}`);
  return body;
}

async function version(page, id) {
  const r = await page.request.get(`${t.base}/api/tasks/${id}`);
  return String((await r.json()).task.version);
}

// A 2024 task (scheme national) filled in by the API so that nothing
// blocks it: the budget and its splits, one indicator worth 90 points,
// met, the report's required text, and the self-evaluation report file.
async function fillByApi(page, id) {
  await go(t, page, `/tasks/${id}`);
  const items = (await stored(page, id)).self_eval?.indicators?.[0]?.groups?.[0]?.items || [];
  await api(page, `/tasks/${id}/save`, {
    version: await version(page, id), ...(items.length ? {} : { op: `add:${ITEMS}` }),
    [`${SE}.budget.adjusted`]: "100", [`${SE}.budget.executed`]: "98",
    [`${SE}.budget.by_income[0].adjusted`]: "100", [`${SE}.budget.by_income[0].executed`]: "98",
    [`${SE}.budget.by_expenditure[0].adjusted`]: "60",
    [`${SE}.budget.by_expenditure[0].executed`]: "60",
    [`${SE}.budget.by_expenditure[1].adjusted`]: "40",
    [`${SE}.budget.by_expenditure[1].executed`]: "38",
    "$.narrative.functions": "负责本单位商务工作。", "$.narrative.problems": "项目储备不足。",
    "$.narrative.measures": "加强项目储备。",
  });
  const item = `${ITEMS}[0]`;
  await api(page, `/tasks/${id}/save`, {
    version: await version(page, id),
    [`${item}.name`]: "招商引资项目数", [`${item}.kind`]: "quantitative",
    [`${item}.weight`]: "90", [`${item}.target`]: ">=10", [`${item}.unit`]: "个",
    [`${item}.actual`]: "12", [`${item}.score`]: "",
  });
  await api(page, `/tasks/${id}/files`, null, {
    kind: "self_report",
    file: { name: "自评报告.pdf", mimeType: "application/pdf",
            buffer: Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" +
                                "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n") },
  });
  await go(t, page, `/tasks/${id}`);
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
  // full-width, as a Chinese input method types it: accepted, kept as typed
  await adjusted.fill("７１６．８３");
  await adjusted.press("Tab");
  await error.waitFor({ state: "hidden" });
  await idle(page);
  if ((await adjusted.inputValue()) !== "７１６．８３") fail("the typed value was replaced");
  // a negative amount: refused at the field, which the message names
  const executed = page.locator(`[name="${SE}.budget.executed"]`);
  await executed.fill("-5");
  await executed.press("Tab");
  const says = (text) => page.waitForFunction(([name, want]) => {
    const hint = document.querySelector(`[name="${name}"] + small.field-error`);
    return want ? hint && !hint.hidden && hint.textContent.includes(want)
                : !hint || hint.hidden || !hint.textContent.includes("负数");
  }, [`${SE}.budget.executed`, text]);
  await says("不能是负数：全年执行数（B）");
  await shot(t, page, "negative-refused-at-field");
  await executed.fill("");
  await executed.press("Tab");
  await says(null);
  await idle(page);
  await save(t, page);
  if ((await stored(page, id)).self_eval.budget.adjusted !== "716.83") fail("not stored as 716.83");
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
  await signOut(t, "phone");
});

await step(t, "a task returned on a phone says so to its preparer (banner, 待办, query, timeline)", async () => {
  const page = t.pages.get(P4);
  await fillByApi(page, id);
  await expectText(page, "送审说明（选填）");
  await transition(t, page, "submit");
  await expectText(page, "待本单位审核");
  const phone = await signIn(t, "15104002002", 390, "reviewer-phone");
  await go(t, phone, `/tasks/${id}`);
  await expectText(phone, "审核意见（退回时必填");
  await click(t, phone, "button[name=action][value=return]");
  const error = phone.locator("#comment-error");
  if (!(await error.innerText()).includes("退回时须填写退回意见")) fail("no message at the box");
  phone.lastDialog = "";
  await transition(t, phone, "return", "请补充招商引资项目的签约和落地情况。");
  if (!phone.lastDialog.includes("确认退回")) fail(`退回 was not confirmed: "${phone.lastDialog}"`);
  await shot(t, phone, "phone-returned");
  await signOut(t, "reviewer-phone");
  await go(t, page, "/");
  await expectText(page, "已退回，经办岗修改中");
  await go(t, page, `/tasks/${id}/self`);
  await expectText(page, "已退回");
  await expectText(page, "请补充招商引资项目的签约和落地情况。");
  await go(t, page, `/tasks/${id}`);
  await expectText(page, "退回 ");
  await shot(t, page, "returned-banner");
  await go(t, page, "/tasks?status=returned");
  await expectText(page, "共 1 项");
  await go(t, page, `/tasks/${id}`);
  await transition(t, page, "submit", "已补充。");
  await expectText(page, "待本单位审核");
  const body = await page.locator("body").innerText();
  if (body.includes("已退回，")) fail("still 已退回 after sending it again");
});

await step(t, "a supervising unit's reviewer approves several tasks at once from 待办", async () => {
  // three subordinates of 102 filled in and sent up by their own posts
  const ids = [];
  for (const unit of ["102002", "102003", "102004"]) {
    const preparer = await signIn(t, `15${unit}001`);
    const tid = await taskId(preparer, unit);
    await fillByApi(preparer, tid);
    await api(preparer, `/tasks/${tid}/transition`, { action: "submit", version: await version(preparer, tid) });
    await signOut(t, `15${unit}001`);
    const reviewer = await signIn(t, `15${unit}002`);
    await go(t, reviewer, `/tasks/${tid}`);
    await api(reviewer, `/tasks/${tid}/transition`, { action: "submit", version: await version(reviewer, tid) });
    await signOut(t, `15${unit}002`);
    ids.push(tid);
  }
  const page = await signIn(t, "15102001002");
  await go(t, page, "/");
  await shot(t, page, "batch-todo");
  for (const tid of ids) await page.locator(`input[name=task][value^="${tid}:"]`).check();
  await click(t, page, "button[name=action][value=approve]");
  await expectText(page, "已处理 3 个任务。");
  await shot(t, page, "batch-approved");
  await go(t, page, "/tasks?year=2024&supervisor=102001&status=done");
  await expectText(page, "共 3 项");
  await expectText(page, "郑州市上街区商务局");
});

await step(t, "untouched drafts read 未填报 in the query list", async () => {
  const page = await signIn(t, "18800000002");
  await go(t, page, "/tasks?year=2021&unit=101002");
  await expectText(page, "未填报");
  const body = await page.locator("table.tasks").innerText();
  if (body.includes("0.00")) fail("an untouched draft shows 0.00");
  await shot(t, page, "unfilled");
});

await finish(t);
