// The fill-in and review chain in a real browser (issue 5's acceptance):
// the preparer of subordinate unit 103002 fills in every part of its 2023
// self-evaluation from seed 003's figures, its reviewer returns it with a
// comment, it is corrected and sent again, and the supervising unit
// 103001 approves it; 103001's own task is refused until then, and then
// goes up to the finance bureau. Every page is checked (lib.mjs: Chinese
// text, no raw errors, no page wider than the window, axe-core) and kept
// as a screenshot.
//
//   node tests/e2e/workflow.mjs URL LOGINS ARTIFACTS [CHROMIUM]
import { writeFileSync } from "node:fs";
import { addRows, click, computed, expectText, fail, fill, finish, go, save, shot, signIn, start,
         step, transition, waitComputed } from "./lib.mjs";

const t = await start(process.argv.slice(2), "workflow");

const PREPARER = "15103002001", REVIEWER = "15103002002";
const SUP_PREPARER = "15103001001", SUP_REVIEWER = "15103001002", FINANCE = "18800000002";

// The task of unit code for 2023 in the signed-in user's query list.
async function taskId(page, code) {
  await go(t, page, `/tasks?year=2023&unit=${code}`);
  const href = await page.locator(`table.tasks a:has-text("${code}")`).first().getAttribute("href");
  return href.match(/\/tasks\/(\d+)/)[1];
}

// A minimal PDF: the 自评报告 and 项目自评报告 uploads.
function pdf(title) {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${title}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);
}

async function upload(page, id, kind, name, project) {
  await go(t, page, `/tasks/${id}/files`);
  await page.selectOption("select[name=kind]", kind);
  if (project) await page.selectOption("select[name=project]", project);
  await page.setInputFiles("input[name=file]", { name, mimeType: "application/pdf", buffer: pdf(name) });
  await click(t, page, "form[enctype] button[type=submit]");
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


// A project's table: its budget and one indicator worth 90 points, met.
async function fillProject(page, p, name, amount, withHead) {
  if (withHead) await fill(page, { [`${p}.name`]: name });
  await fill(page, { [`${p}.budget.adjusted`]: amount, [`${p}.budget.executed`]: amount });
  await save(t, page);
  // a table without levels (seed 003's projects) gets one first
  if ((await page.locator(`button[value="add:${p}.indicators[0].groups[0].items"]`).count()) === 0)
    await addRows(t, page, `${p}.indicators`, 1);
  await addRows(t, page, `${p}.indicators[0].groups[0].items`, 1);
  await fill(page, indicatorValues(`${p}.indicators[0].groups[0].items`, 0,
    ["项目建设完成率", "=", "100", "%", "", "100", "90", "", ""]));
  await save(t, page);
  if ((await computed(page, `${p}.stated_total`)) !== "100.00") fail(`${name}: total not 100`);
}

// ---- the chain -------------------------------------------------------------------------

let sub, sup;

await step(t, "the preparer signs in and sees the task waiting", async () => {
  const page = await signIn(t, PREPARER);
  await expectText(page, "高新区（新市区）商务服务中心");
  await shot(t, page, "preparer-todo");
  sub = await taskId(page, "103002");
  await go(t, page, `/tasks/${sub}`);
  await expectText(page, "经办岗填报中");
  await shot(t, page, "task-overview-draft");
});

await step(t, "自评表: the budget, computed as the preparer types", async () => {
  const page = t.pages.get(PREPARER);
  await go(t, page, `/tasks/${sub}/self`);
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
  await shot(t, page, "self-budget-live");
  await save(t, page);
});

await step(t, "自评表: the eight indicators of seed 003", async () => {
  const page = t.pages.get(PREPARER);
  await addRows(t, page, ITEMS, indicators.length);
  let values = { [`${SE}.goal.declared`]: "完成年度商务工作目标。",
                 [`${SE}.goal.achieved`]: "全年完成各项商务工作任务。" };
  indicators.forEach((row, k) => Object.assign(values, indicatorValues(ITEMS, k, row)));
  await fill(page, values);
  await waitComputed(page, `${SE}.stated_total`, "79.14");
  await save(t, page);
  if ((await computed(page, `${SE}.stated_total`)) !== "79.14") fail("total is not 79.14");
  if ((await computed(page, `${SE}.stated_grade`)) !== "中") fail("grade is not 中");
  if ((await computed(page, `${ITEMS}[1]#computed`)) !== "6.32") fail("项目预算 is not 6.32");
  await expectText(page, "疑为单位错误"); // 214.2 万元 against 160 亿元
  await shot(t, page, "self-table-saved");
});

await step(t, "基础数据表: staffing", async () => {
  const page = t.pages.get(PREPARER);
  await go(t, page, `/tasks/${sub}/basic`);
  await fill(page, { "$.basic_data.staffing.authorized": "10", "$.basic_data.staffing.actual": "11" });
  await waitComputed(page, "$.basic_data.staffing.stated_control_rate_pct", "110.00%");
  await save(t, page);
  await expectText(page, "超过编制");
  await shot(t, page, "basic-data");
});

await step(t, "项目支出表: a project added and filled in", async () => {
  const page = t.pages.get(PREPARER);
  await go(t, page, `/tasks/${sub}/projects`);
  await click(t, page, 'button[value="add:$.projects"]');
  await fillProject(page, "$.projects[0]", "蔬菜直销店建设及方案编制资金", "189.5", true);
  await shot(t, page, "project-table");
  await go(t, page, `/tasks/${sub}/projects`);
  await expectText(page, "蔬菜直销店建设及方案编制资金");
});

await step(t, "报告正文: the parts the scheme requires", async () => {
  const page = t.pages.get(PREPARER);
  await go(t, page, `/tasks/${sub}/report`);
  await fill(page, {
    "$.narrative.functions": "负责高新区商贸流通、招商引资和企业服务工作。",
    "$.narrative.problems": "部分指标目标值设置偏低，资金支付进度不均衡。",
    "$.narrative.measures": "加强目标测算，加快资金支付进度。",
  });
  await save(t, page);
  await shot(t, page, "report-text");
});

await step(t, "文件: the reports, then 送审", async () => {
  const page = t.pages.get(PREPARER);
  await upload(page, sub, "self_report", "2023年度部门整体支出绩效自评报告.pdf");
  await upload(page, sub, "project_report", "蔬菜直销店项目自评报告.pdf", "蔬菜直销店建设及方案编制资金");
  await shot(t, page, "files");
  await go(t, page, `/tasks/${sub}`);
  await transition(t, page, "submit");
  await expectText(page, "已送审");
  await expectText(page, "待本单位审核");
  await shot(t, page, "submitted");
});

await step(t, "the reviewer returns it with a comment", async () => {
  const page = await signIn(t, REVIEWER);
  await expectText(page, "高新区（新市区）商务服务中心");
  await go(t, page, `/tasks/${sub}`);
  await transition(t, page, "return");
  await expectText(page, "退回时须填写退回意见"); // refused without a comment
  await transition(t, page, "return", "请补充“资金支付及时率”的改进措施。");
  await expectText(page, "经办岗填报中");
  await shot(t, page, "returned");
});

await step(t, "the preparer corrects it and sends it again", async () => {
  const page = t.pages.get(PREPARER);
  await go(t, page, "/");
  await expectText(page, "高新区（新市区）商务服务中心");
  await go(t, page, `/tasks/${sub}`);
  await expectText(page, "请补充“资金支付及时率”的改进措施。");
  await go(t, page, `/tasks/${sub}/self`);
  await fill(page, { [`${ITEMS}[3].improvement`]: "加快资金拨付进度。" });
  await save(t, page);
  await go(t, page, `/tasks/${sub}`);
  await transition(t, page, "submit");
  await expectText(page, "待本单位审核");
});

await step(t, "the reviewer forwards it to the supervising unit", async () => {
  const page = t.pages.get(REVIEWER);
  await go(t, page, `/tasks/${sub}`);
  await transition(t, page, "submit", "已核对。");
  await expectText(page, "待主管部门审核");
  await shot(t, page, "forwarded");
});

await step(t, "the supervising unit's own task waits for its subordinates", async () => {
  const page = await signIn(t, SUP_PREPARER);
  sup = await taskId(page, "103001");
  await go(t, page, `/tasks/${sup}`);
  await transition(t, page, "submit");
  await expectText(page, "本部门尚有 1 个二级机构的自评任务未完成审核");
  await expectText(page, "经办岗填报中");
  await shot(t, page, "supervising-refused");
});

await step(t, "the supervising unit approves the subordinate's task", async () => {
  const page = await signIn(t, SUP_REVIEWER);
  await expectText(page, "高新区（新市区）商务服务中心");
  await shot(t, page, "supervisor-todo");
  await go(t, page, `/tasks/${sub}`);
  await transition(t, page, "approve", "同意。");
  await expectText(page, "已完成");
  await expectText(page, "办理记录");
  await shot(t, page, "approved");
});

await step(t, "the supervising unit's own task goes through to the finance bureau", async () => {
  const page = t.pages.get(SUP_PREPARER);
  // seed 003's project tables have no indicators: fill them in
  await go(t, page, `/tasks/${sup}/projects/1`);
  await fillProject(page, "$.projects[0]", "蔬菜直销店建设及方案编制资金", "189.5", false);
  await go(t, page, `/tasks/${sup}/projects/2`);
  await fillProject(page, "$.projects[1]", "驻社区补助项目", "5.78", false);
  await upload(page, sup, "self_report", "乌鲁木齐高新区商务局自评报告.pdf");
  await upload(page, sup, "project_report", "蔬菜直销店项目报告.pdf", "蔬菜直销店建设及方案编制资金");
  await upload(page, sup, "project_report", "驻社区补助项目报告.pdf", "驻社区补助项目");
  await go(t, page, `/tasks/${sup}`);
  await transition(t, page, "submit");
  await expectText(page, "待本单位审核");
  const reviewer = t.pages.get(SUP_REVIEWER);
  await go(t, reviewer, `/tasks/${sup}`);
  await transition(t, reviewer, "submit", "已审核。");
  await expectText(reviewer, "待财政绩效经办审核");
});

await step(t, "the finance bureau approves it", async () => {
  const page = await signIn(t, FINANCE);
  await expectText(page, "乌鲁木齐高新区（新市区）商务局");
  await shot(t, page, "finance-todo");
  await go(t, page, `/tasks/${sup}`);
  await transition(t, page, "approve", "同意。");
  await expectText(page, "已完成");
  await shot(t, page, "finance-approved");
  await go(t, page, "/tasks?year=2023&unit=103&status=done");
  await expectText(page, "共 2 项");
  await shot(t, page, "query");
});

writeFileSync(`${t.artifacts}/README.txt`,
  "Screenshots of jixiao's pages taken by tests/e2e/workflow.mjs (workflow-*) and\n" +
  "tests/e2e/officer.mjs (officer-*), in the order of their steps.\n");
await finish(t);
