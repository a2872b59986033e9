/* The descriptor tables of the document format (see doc.h and
 * ../schema/schema.h). Tables are defined leaf first. */
#include "doc_schema.h"
#include "../schema/schema_def.h"

_Static_assert(COUNT_NONE == SCHEMA_INT_NONE, "absent counts are absent integers");
_Static_assert(sizeof(enum cmp_op) == sizeof(int), "FT_ENUM members are read as int");

#include <string.h>

/* ---- enumerations ------------------------------------------------------ */

static const char *const money_unit_names[] = {"元", "万元", "亿元"};
const struct enum_def enum_money_unit = {money_unit_names, money_unit_names, 3};

static const char *const cmp_names[] = {">=", "<=", "=", ">", "<"};
static const char *const cmp_labels[] = {"≥", "≤", "=", ">", "<"};
const struct enum_def enum_cmp_op = {cmp_names, cmp_labels, 5};

static const char *const kind_names[] = {"quantitative", "qualitative"};
static const char *const kind_labels[] = {"定量", "定性"};
const struct enum_def enum_ind_kind = {kind_names, kind_labels, 2};

static const char *const band_names[] = {"achieved", "partial", "not_achieved"};
static const char *const band_labels[] = {"达成预期指标", "部分达成预期指标并具有一定效果",
                                          "未达成预期指标且效果较差"};
const struct enum_def enum_qual_band = {band_names, band_labels, 3};

static const char *const attach_names[] = {"self_report", "project_report", "other"};
static const char *const attach_labels[] = {"部门整体自评报告", "项目自评报告", "其他附件"};
const struct enum_def enum_attach_kind = {attach_names, attach_labels, 3};

/* ---- unit -------------------------------------------------------------- */

static const struct field unit_ref_fields[] = {
    STR(struct unit_ref, code, "主管部门编码", .flags = FL_REQUIRED | FL_UNIT_CODE),
    STR(struct unit_ref, name, "主管部门名称", .flags = FL_REQUIRED),
};
SCHEMA(s_unit_ref, unit_ref, "主管部门");

static const struct field unit_info_fields[] = {
    STR(struct unit_info, code, "单位编码", .flags = FL_REQUIRED | FL_UNIT_CODE,
        NOTE("six digits: department (3) + unit (3); xxx001 is the supervising unit")),
    STR(struct unit_info, name, "单位名称", .flags = FL_REQUIRED),
    OBJ(struct unit_info, supervisor, "主管部门", s_unit_ref,
        NOTE("required for a subordinate unit, absent for a supervising unit (xxx001)")),
};
SCHEMA(s_unit_info, unit_info, "预算单位");

/* ---- 基础数据表 ---------------------------------------------------------- */

static const struct field money3_fields[] = {
    DEC(struct money3, prior_final, "上年决算数"),
    DEC(struct money3, budget, "本年预算数"),
    DEC(struct money3, final, "本年决算数"),
};
SCHEMA(s_money3, money3, "金额（三列）");

static const struct field basic_staffing_fields[] = {
    COUNT(struct basic_staffing, authorized, "编制数"),
    COUNT(struct basic_staffing, actual, "实际在职人数"),
    DEC(struct basic_staffing, stated_control_rate_pct, "控制率（%，表列）"),
};
SCHEMA(s_basic_staffing, basic_staffing, "财政供养人员情况");

static const struct field vehicle_costs_fields[] = {
    OBJ(struct vehicle_costs, stated, "公务用车购置和维护经费（表列）", s_money3),
    OBJ(struct vehicle_costs, purchase, "公车购置", s_money3),
    OBJ(struct vehicle_costs, operation, "公车运行维护", s_money3),
};
SCHEMA(s_vehicle_costs, vehicle_costs, "公务用车购置和维护经费");

static const struct field three_public_costs_fields[] = {
    OBJ(struct three_public_costs, stated, "三公经费（表列）", s_money3),
    OBJ(struct three_public_costs, vehicles, "公务用车购置和维护经费", s_vehicle_costs),
    OBJ(struct three_public_costs, overseas, "出国经费", s_money3),
    OBJ(struct three_public_costs, reception, "公务接待", s_money3),
};
SCHEMA(s_three_public_costs, three_public_costs, "三公经费");

static const struct field special_fund_fields[] = {
    STR(struct special_fund, name, "专项资金名称"),
    AT(struct special_fund, "prior_final", amounts.prior_final, "上年决算数", FT_DEC),
    AT(struct special_fund, "budget", amounts.budget, "本年预算数", FT_DEC),
    AT(struct special_fund, "final", amounts.final, "本年决算数", FT_DEC),
};
SCHEMA(s_special_fund, special_fund, "专项资金");

static const struct field special_funds_fields[] = {
    OBJ(struct special_funds, stated, "上级专项资金（表列）", s_money3),
    ARR(struct special_funds, funds, "专项资金明细", s_special_fund, .flags = FL_ROWS,
        NOTE("one row per special fund")),
};
SCHEMA(s_special_funds, special_funds, "上级专项资金");

static const struct field project_spending_fields[] = {
    OBJ(struct project_spending, stated, "项目支出（表列）", s_money3),
    OBJ(struct project_spending, business, "业务工作经费", s_money3),
    OBJ(struct project_spending, operation, "运行维护经费", s_money3),
    OBJ(struct project_spending, special, "上级专项资金", s_special_funds),
};
SCHEMA(s_project_spending, project_spending, "项目支出");

static const struct field public_funds_fields[] = {
    OBJ(struct public_funds, total, "公用经费", s_money3,
        NOTE("entered; the 其中 rows are parts of it, not all of it")),
    OBJ(struct public_funds, office, "其中：办公经费", s_money3),
    OBJ(struct public_funds, utilities_travel, "水费、电费、差旅费", s_money3),
    OBJ(struct public_funds, meetings_training, "会议费、培训费", s_money3),
};
SCHEMA(s_public_funds, public_funds, "公用经费");

static const struct field building_fields[] = {
    STR(struct building, name, "项目名称"),
    DEC(struct building, approved_area, "批复规模（㎡）"),
    DEC(struct building, actual_area, "实际规模（㎡）"),
    DEC(struct building, stated_area_control_pct, "规模控制率（%，表列）"),
    DEC(struct building, budget_investment, "预算投资"),
    DEC(struct building, actual_investment, "实际投资"),
    DEC(struct building, stated_investment_control_pct, "投资概算控制率（%，表列）"),
};
SCHEMA(s_building, building, "楼堂馆所");

static const struct field basic_data_fields[] = {
    ENUM(struct basic_data, unit, "金额单位", enum_money_unit),
    OBJ(struct basic_data, staffing, "财政供养人员情况", s_basic_staffing),
    OBJ(struct basic_data, three_public, "三公经费", s_three_public_costs),
    OBJ(struct basic_data, project_spending, "项目支出", s_project_spending),
    OBJ(struct basic_data, public_funds, "公用经费", s_public_funds),
    OBJ(struct basic_data, procurement, "政府采购金额", s_money3),
    OBJ(struct basic_data, basic_budget_adjustment, "部门基本支出预算调整", s_money3),
    ARR(struct basic_data, buildings, "楼堂馆所控制情况", s_building, .flags = FL_ROWS,
        NOTE("projects completed this year")),
    TEXT(struct basic_data, austerity, "厉行节约保障措施"),
};
SCHEMA(s_basic_data, basic_data, "基础数据表");

/* ---- 评价基础数据 -------------------------------------------------------- */

static const struct field procurement_row_fields[] = {
    STR(struct procurement_row, name, "单位名称"),
    DEC(struct procurement_row, planned, "采购计划金额"),
    DEC(struct procurement_row, actual, "实际采购金额"),
    DEC(struct procurement_row, stated_rate_pct, "政府采购执行率（%，表列）"),
};
SCHEMA(s_procurement_row, procurement_row, "政府采购执行情况行");

static const struct field procurement_table_fields[] = {
    ARR(struct procurement_table, rows, "分单位明细", s_procurement_row, .flags = FL_ROWS),
    OBJ(struct procurement_table, stated, "合计（表列）", s_procurement_row),
};
SCHEMA(s_procurement_table, procurement_table, "政府采购执行情况");

static const struct field adjustment_row_fields[] = {
    STR(struct adjustment_row, name, "单位名称"),
    DEC(struct adjustment_row, initial, "年初预算数"),
    DEC(struct adjustment_row, adjusted, "全年预算数"),
    DEC(struct adjustment_row, stated_adjustment, "预算调整调剂金额（表列）", .flags = FL_SIGNED),
    DEC(struct adjustment_row, self_adjustment, "自行预算调整调剂金额", .flags = FL_SIGNED),
    DEC(struct adjustment_row, stated_rate_pct, "预算调整调剂比率（%，表列）", .flags = FL_SIGNED),
};
SCHEMA(s_adjustment_row, adjustment_row, "预算调整调剂情况行");

static const struct field earmarked_addition_fields[] = {
    STR(struct earmarked_addition, name, "追加资金名称"),
    DEC(struct earmarked_addition, amount, "金额"),
};
SCHEMA(s_earmarked_addition, earmarked_addition, "年中专项追加");

static const struct field adjustment_table_fields[] = {
    ARR(struct adjustment_table, rows, "分单位明细", s_adjustment_row, .flags = FL_ROWS),
    OBJ(struct adjustment_table, stated, "合计（表列）", s_adjustment_row),
    ARR(struct adjustment_table, earmarked, "年中专项追加", s_earmarked_addition, .flags = FL_ROWS,
        NOTE("additions excluded from the unit's own adjustment")),
};
SCHEMA(s_adjustment_table, adjustment_table, "预算调整调剂情况");

static const struct field asset_row_fields[] = {
    STR(struct asset_row, name, "单位名称"),
    DEC(struct asset_row, total, "固定资产总额"),
    DEC(struct asset_row, in_use, "在用资产总额"),
    DEC(struct asset_row, stated_rate_pct, "固定资产利用率（%，表列）"),
};
SCHEMA(s_asset_row, asset_row, "固定资产情况行");

static const struct field asset_table_fields[] = {
    ARR(struct asset_table, rows, "分单位明细", s_asset_row, .flags = FL_ROWS),
    OBJ(struct asset_table, stated, "合计（表列）", s_asset_row),
};
SCHEMA(s_asset_table, asset_table, "固定资产情况");

static const struct field asset_balance_fields[] = {
    DEC(struct asset_balance, current, "流动资产"),
    DEC(struct asset_balance, fixed_net, "固定资产净值"),
    DEC(struct asset_balance, construction, "在建工程"),
    DEC(struct asset_balance, intangible, "无形资产净值"),
    DEC(struct asset_balance, stated_total, "期末总资产净值（文中）"),
};
SCHEMA(s_asset_balance, asset_balance, "资产情况");

static const struct field staff_row_fields[] = {
    STR(struct staff_row, name, "单位名称"),
    COUNT(struct staff_row, authorized, "编制人数"),
    COUNT(struct staff_row, on_payroll, "在编人数"),
    COUNT(struct staff_row, extra, "编外人员数"),
    COUNT(struct staff_row, stated_headcount, "实有人数（含在编和编外，表列）"),
    DEC(struct staff_row, stated_control_rate_pct, "财政供养人员控制率（%，表列）"),
    DEC(struct staff_row, stated_extra_rate_pct, "编外人员控制率（%，表列）"),
};
SCHEMA(s_staff_row, staff_row, "人员情况行");

static const struct field staff_table_fields[] = {
    ARR(struct staff_table, rows, "分单位明细", s_staff_row, .flags = FL_ROWS),
    OBJ(struct staff_table, stated, "合计（表列）", s_staff_row),
};
SCHEMA(s_staff_table, staff_table, "人员情况");

static const struct field three_public_figures_fields[] = {
    DEC(struct three_public_figures, overseas, "因公出国（境）费"),
    DEC(struct three_public_figures, vehicles, "公务用车购置及运行维护费"),
    DEC(struct three_public_figures, reception, "公务接待费"),
    DEC(struct three_public_figures, stated_total, "合计（文中）"),
};
SCHEMA(s_three_public_figures, three_public_figures, "三公经费");

static const struct field three_public_control_fields[] = {
    OBJ(struct three_public_control, budget, "预算数", s_three_public_figures),
    OBJ(struct three_public_control, actual, "实际支出", s_three_public_figures),
    DEC(struct three_public_control, stated_rate_pct, "三公经费控制率（%，文中）"),
};
SCHEMA(s_three_public_control, three_public_control, "三公经费控制情况");

static const struct field daily_public_control_fields[] = {
    DEC(struct daily_public_control, initial, "年初预算数"),
    DEC(struct daily_public_control, adjusted, "调整预算数"),
    DEC(struct daily_public_control, actual, "决算数"),
    DEC(struct daily_public_control, stated_rate_pct, "日常公用经费控制率（%，文中）"),
};
SCHEMA(s_daily_public_control, daily_public_control, "日常公用经费控制情况");

static const struct field execution_row_fields[] = {
    STR(struct execution_row, name, "单位名称"),
    DEC(struct execution_row, allocated, "指标金额"),
    DEC(struct execution_row, paid, "已支付金额"),
    DEC(struct execution_row, stated_rate_pct, "预算执行进度（%，表列）"),
};
SCHEMA(s_execution_row, execution_row, "预算执行情况行");

static const struct field execution_table_fields[] = {
    ARR(struct execution_table, rows, "分单位明细", s_execution_row, .flags = FL_ROWS),
    OBJ(struct execution_table, stated, "合计（表列）", s_execution_row),
};
SCHEMA(s_execution_table, execution_table, "预算执行情况");

static const struct field quarter_fields[] = {
    DEC(struct quarter, allocated, "当季度部门指标金额"),
    DEC(struct quarter, paid, "累计已支付金额"),
    DEC(struct quarter, stated_progress_pct, "支出进度（%，表列）"),
    DEC(struct quarter, stated_ratio_pct, "分季执行率（%，表列）"),
};
SCHEMA(s_quarter, quarter, "季度预算执行");

static const struct field quarterly_fields[] = {
    ARR(struct quarterly, quarters, "各季度", s_quarter, .flags = FL_ROWS, .max = 4,
        NOTE("at most four, first quarter first")),
    DEC(struct quarterly, stated_average_pct, "年均执行率（%，表列）"),
};
SCHEMA(s_quarterly, quarterly, "各季度预算执行情况");

static const struct field completion_counts_fields[] = {
    COUNT(struct completion_counts, planned, "计划项目数"),
    COUNT(struct completion_counts, completed, "已完成项目数"),
    DEC(struct completion_counts, stated_rate_pct, "项目完成及时率（%，文中）"),
};
SCHEMA(s_completion_counts, completion_counts, "项目完成情况");

static const struct field task_counts_fields[] = {
    COUNT(struct task_counts, assigned, "重点工作任务数"),
    COUNT(struct task_counts, finished, "已完成任务数"),
};
SCHEMA(s_task_counts, task_counts, "重点工作完成情况");

static const struct field petition_counts_fields[] = {
    COUNT(struct petition_counts, received, "信访件数"),
    COUNT(struct petition_counts, answered, "办理回复数"),
    COUNT(struct petition_counts, answered_on_time, "按时办理回复数"),
};
SCHEMA(s_petition_counts, petition_counts, "群众信访办理情况");

static const struct field perf_data_fields[] = {
    ENUM(struct perf_data, unit, "金额单位", enum_money_unit),
    OBJ(struct perf_data, procurement, "政府采购执行情况", s_procurement_table),
    OBJ(struct perf_data, budget_adjustment, "预算调整调剂情况", s_adjustment_table),
    OBJ(struct perf_data, fixed_assets, "固定资产情况", s_asset_table),
    OBJ(struct perf_data, asset_balance, "资产情况", s_asset_balance),
    OBJ(struct perf_data, staffing, "人员情况", s_staff_table),
    OBJ(struct perf_data, three_public, "三公经费控制情况", s_three_public_control),
    OBJ(struct perf_data, daily_public, "日常公用经费控制情况", s_daily_public_control),
    OBJ(struct perf_data, execution, "预算执行情况", s_execution_table),
    OBJ(struct perf_data, quarterly, "各季度预算执行情况", s_quarterly),
    OBJ(struct perf_data, projects, "项目完成情况", s_completion_counts),
    OBJ(struct perf_data, key_tasks, "重点工作完成情况", s_task_counts),
    OBJ(struct perf_data, petitions, "群众信访办理情况", s_petition_counts),
    DEC(struct perf_data, satisfaction_pct, "公众或服务对象满意度（%）"),
};
SCHEMA(s_perf_data, perf_data, "评价基础数据");

/* ---- 自评表 and 项目表 ---------------------------------------------------- */

static const struct field measure_fields[] = {
    DEC(struct measure, value, "数值", .flags = FL_SIGNED, NOTE("a growth rate may be below 0")),
    STR(struct measure, unit, "单位", NOTE("only where it differs from the indicator's 度量单位")),
    STR(struct measure, text, "文字值", NOTE("a qualitative value such as 达标")),
};
SCHEMA(s_measure, measure, "数值");

static const struct field target_fields[] = {
    ENUM(struct target, op, "比较符", enum_cmp_op),
    AT(struct target, "value", m.value, "数值", FT_DEC),
    AT(struct target, "unit", m.unit, "单位", FT_STR),
    AT(struct target, "text", m.text, "文字值", FT_STR),
};
SCHEMA(s_target, target, "年度指标值");

static const struct field indicator_fields[] = {
    STR(struct indicator, code, "指标编码", NOTE("links the row to a rule of the scheme")),
    STR(struct indicator, name, "三级指标"),
    ENUM(struct indicator, kind, "指标性质", enum_ind_kind),
    STR(struct indicator, unit, "度量单位"),
    OBJ(struct indicator, target, "年度指标值", s_target),
    OBJ(struct indicator, midyear, "年中监控实际完成值", s_measure),
    OBJ(struct indicator, actual, "实际完成值", s_measure),
    DEC(struct indicator, weight, "分值"),
    DEC(struct indicator, score, "得分", NOTE("as the unit gives or the document prints it")),
    ENUM(struct indicator, band, "定性评价档次", enum_qual_band),
    BOOL(struct indicator, not_applicable, "不适用"),
    DECS(struct indicator, criteria, "评分要点得分",
         NOTE("points earned per criterion, in the scheme's order")),
    DEC(struct indicator, stated_completion_pct, "完成率（%，文中）"),
    TEXT(struct indicator, deviation, "偏差原因分析"),
    TEXT(struct indicator, improvement, "改进措施"),
};
const struct schema schema_indicator = {"indicator", "三级指标", sizeof(struct indicator),
                                        indicator_fields, LEN(indicator_fields)};

static const struct field ind_group_fields[] = {
    STR(struct ind_group, name, "二级指标"),
    DEC(struct ind_group, stated_weight, "分值（表列）"),
    DEC(struct ind_group, stated_score, "得分（表列）"),
    ARR(struct ind_group, items, "三级指标", schema_indicator, .flags = FL_ROWS),
};
const struct schema schema_ind_group = {"ind_group", "二级指标", sizeof(struct ind_group), ind_group_fields,
                                        LEN(ind_group_fields)};

static const struct field ind_level_fields[] = {
    STR(struct ind_level, name, "一级指标"),
    DEC(struct ind_level, stated_weight, "分值（表列）"),
    DEC(struct ind_level, stated_score, "得分（表列）"),
    ARR(struct ind_level, groups, "二级指标", schema_ind_group, .flags = FL_ROWS),
};
const struct schema schema_ind_level = {"ind_level", "一级指标", sizeof(struct ind_level), ind_level_fields,
                                        LEN(ind_level_fields)};

static const struct field split_row_fields[] = {
    STR(struct split_row, name, "资金类别"),
    DEC(struct split_row, initial, "年初预算数"),
    DEC(struct split_row, adjusted, "全年预算数"),
    DEC(struct split_row, executed, "全年执行数"),
    DEC(struct split_row, stated_rate_pct, "执行率（%，表列）"),
};
SCHEMA(s_split_row, split_row, "资金分类行");

static const struct field budget_request_fields[] = {
    ENUM(struct budget_request, unit, "金额单位", enum_money_unit),
    DEC(struct budget_request, initial, "年初预算数"),
    DEC(struct budget_request, adjusted, "全年预算数（A）"),
    DEC(struct budget_request, executed, "全年执行数（B）"),
    DEC(struct budget_request, weight, "分值"),
    DEC(struct budget_request, stated_rate_pct, "执行率（%，表列）"),
    DEC(struct budget_request, stated_score, "得分（表列）"),
    ARR(struct budget_request, by_income, "按收入性质分", s_split_row, .flags = FL_ROWS,
        NOTE("their 全年预算数 must add up to A")),
    DEC(struct budget_request, stated_income_total, "按收入性质合计（表列）"),
    ARR(struct budget_request, by_expenditure, "按支出性质分", s_split_row, .flags = FL_ROWS,
        NOTE("their 全年执行数 must add up to B")),
    DEC(struct budget_request, stated_expenditure_total, "按支出性质合计（表列）"),
};
SCHEMA(s_budget_request, budget_request, "年度预算申请");

static const struct field goal_fields[] = {
    TEXT(struct goal, declared, "年初目标设定"),
    TEXT(struct goal, achieved, "全年实际完成情况"),
};
SCHEMA(s_goal, goal, "年度总体目标");

static const struct field main_task_fields[] = {
    STR(struct main_task, name, "任务名称"),
    TEXT(struct main_task, content, "主要内容"),
    DEC(struct main_task, budget, "预算资金"),
    DEC(struct main_task, budget_fiscal, "其中：财政资金"),
    TEXT(struct main_task, completion, "任务完成情况"),
    DEC(struct main_task, executed, "预算执行数"),
    DEC(struct main_task, executed_fiscal, "其中：财政资金（执行数）"),
    DEC(struct main_task, stated_rate_pct, "预算执行率（%，表列）"),
};
SCHEMA(s_main_task, main_task, "年度主要任务");

#define SCORE_TABLE_FIELDS(T)                                                                      \
        AT(T, "budget", table.budget, "年度预算申请", FT_OBJ, .sub = &s_budget_request),           \
            AT(T, "goal", table.goal, "年度总体目标", FT_OBJ, .sub = &s_goal),                     \
            AT(T, "indicators", table.indicators, "绩效指标", FT_ARR, .sub = &schema_ind_level,         \
               .count_off = offsetof(T, table.n_indicators), .flags = FL_ROWS),                                      \
            AT(T, "stated_total", table.stated_total, "总分（表列）", FT_DEC),                     \
            AT(T, "stated_grade", table.stated_grade, "评价等级（表列）", FT_STR)

static const struct field self_eval_fields[] = {
    SCORE_TABLE_FIELDS(struct self_eval),
    ARR(struct self_eval, main_tasks, "年度主要任务", s_main_task, .flags = FL_ROWS),
};
SCHEMA(s_self_eval, self_eval, "自评表");

static const struct field project_fields[] = {
    STR(struct project, code, "项目编码"),        STR(struct project, name, "项目名称"),
    STR(struct project, category, "项目类别"),    SCORE_TABLE_FIELDS(struct project),
    TEXT(struct project, report, "项目自评报告"),
};
const struct schema schema_project = {"project", "项目支出表", sizeof(struct project), project_fields,
                                      LEN(project_fields)};

/* ---- narrative, statements, attachments ------------------------------- */

static const struct field section_fields[] = {
    STR(struct section, title, "标题"),
    TEXT(struct section, text, "内容"),
};
SCHEMA(s_section, section, "章节");

static const struct field narrative_fields[] = {
    TEXT(struct narrative, functions, "部门主要职能"),
    TEXT(struct narrative, organization, "机构设置"),
    TEXT(struct narrative, personnel, "人员情况"),
    TEXT(struct narrative, key_work, "年度重点工作"),
    TEXT(struct narrative, budget, "预算安排及执行情况"),
    TEXT(struct narrative, performance, "绩效目标完成情况"),
    TEXT(struct narrative, conclusion, "评价结论"),
    TEXT(struct narrative, problems, "存在的问题及原因"),
    TEXT(struct narrative, measures, "改进措施"),
    TEXT(struct narrative, application, "结果应用及公开"),
    ARR(struct narrative, other, "其他章节", s_section, .flags = FL_ROWS),
};
SCHEMA(s_narrative, narrative, "报告正文");

static const struct field statement_fields[] = {
    STR(struct statement, where, "所在章节"),
    TEXT(struct statement, text, "原文"),
    STR(struct statement, refers_to, "所指数据", .flags = FL_REQUIRED,
        NOTE("document path of the cell the sentence restates, e.g. $.self_eval.stated_total")),
    DEC(struct statement, value, "文中数值", .flags = FL_SIGNED),
    STR(struct statement, value_text, "文中文字", NOTE("for a grade or other text value")),
};
SCHEMA(s_statement, statement, "文中表述");

static const struct field attachment_fields[] = {
    ENUM(struct attachment, kind, "附件类型", enum_attach_kind, .flags = FL_REQUIRED),
    STR(struct attachment, name, "文件名", .flags = FL_REQUIRED),
    STR(struct attachment, project, "所属项目", NOTE("project name, for a project report")),
    STR(struct attachment, media_type, "文件类型"),
    STR(struct attachment, sha256, "SHA-256"),
    AT(struct attachment, "size", size, "文件大小（字节）", FT_INT, .min = 0,
       .max = INT64_C(1) << 40),
};
SCHEMA(s_attachment, attachment, "附件");

/* ---- the document ------------------------------------------------------ */

static const struct field doc_fields[] = {
    STR(struct doc, format, "格式标识", .flags = FL_REQUIRED | FL_FIXED,
        NOTE("always \"" DOC_FORMAT_NAME "\"")),
    AT(struct doc, "version", version, "格式版本", FT_INT, .flags = FL_REQUIRED | FL_FIXED, .min = 1,
       .max = 1000000),
    OBJ(struct doc, unit, "预算单位", s_unit_info, .flags = FL_REQUIRED | FL_FIXED),
    AT(struct doc, "fiscal_year", fiscal_year, "年度", FT_INT, .flags = FL_REQUIRED | FL_FIXED,
       .min = 2000,
       .max = 2100),
    STR(struct doc, scheme, "评分方案", .flags = FL_FIXED, NOTE("name of the scoring scheme; default \"national\"")),
    AT(struct doc, "basic_data", basic, "基础数据表", FT_OBJ, .sub = &s_basic_data),
    AT(struct doc, "performance_data", perf, "评价基础数据", FT_OBJ, .sub = &s_perf_data),
    AT(struct doc, "self_eval", self, "自评表", FT_OBJ, .sub = &s_self_eval),
    ARR(struct doc, projects, "项目支出表", schema_project, .flags = FL_ROWS),
    OBJ(struct doc, narrative, "报告正文", s_narrative),
    ARR(struct doc, statements, "文中表述", s_statement, .flags = FL_FIXED),
    ARR(struct doc, attachments, "附件", s_attachment, .flags = FL_FIXED),
};
const struct schema schema_doc = {"document", "自评文档", sizeof(struct doc), doc_fields,
                                  LEN(doc_fields)};
