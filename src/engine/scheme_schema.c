/* The descriptor tables of the scheme file format (see scheme.h and
 * docs/schemes.md). Tables are defined leaf first; a rule's parts are
 * rules, so the rule table refers to itself. */
#include "scheme_schema.h"
#include "../schema/schema_def.h"

static const char *const kind_names[] = {"evaluator", "checklist", "ratio",      "tiers",
                                         "deduction", "quarterly", "adjustment", "sum"};
static const char *const kind_labels[] = {"评价人打分",   "评分要点", "比例计分",
                                          "分档计分",     "逐项扣分", "分季度执行进度",
                                          "调整比率扣分", "分项合计"};
const struct enum_def enum_rule_kind = {kind_names, kind_labels, 8};

static const char *const figure_names[] = {
    "procurement.rate",      "budget_adjustment.rate", "fixed_assets.rate",
    "staffing.control_rate", "staffing.extra_rate",    "three_public.rate",
    "daily_public.rate",     "execution.rate",         "projects.completion",
    "key_tasks.unfinished",  "petitions.reply_rate",   "petitions.on_time_rate",
    "satisfaction.rate"};
static const char *const figure_labels[] = {
    "政府采购执行率",      "预算调整调剂比率", "固定资产利用率",     "财政供养人员控制率",
    "编外人员控制率",      "三公经费控制率",   "日常公用经费控制率", "预算执行率",
    "项目完成率",          "未完成重点工作数", "信访办理回复率",     "信访按时回复率",
    "公众或服务对象满意度"};
_Static_assert(sizeof figure_names / sizeof figure_names[0] == FIG_COUNT - 1,
               "one name per figure");
const struct enum_def enum_figure = {figure_names, figure_labels, FIG_COUNT - 1};

static const char *const le_names[] = {"ratio", "linear"};
static const char *const le_labels[] = {"分值 × 目标值 / 实际值",
                                        "超出目标线性扣分至两倍目标值为 0"};
const struct enum_def enum_le_variant = {le_names, le_labels, 2};

static const struct field criterion_fields[] = {
    STR(struct criterion, name, "评分要点", .flags = FL_REQUIRED),
    DEC(struct criterion, points, "分值", .flags = FL_REQUIRED),
};
SCHEMA(s_criterion, criterion, "评分要点");

static const struct field tier_fields[] = {
    DEC(struct tier, min, "下限"),
    DEC(struct tier, max, "上限"),
    BOOL(struct tier, min_open, "不含下限"),
    BOOL(struct tier, max_open, "不含上限"),
    DEC(struct tier, points, "得分", .flags = FL_REQUIRED),
};
SCHEMA(s_tier, tier, "分档");

static const struct schema s_rule;

static const struct field rule_fields[] = {
    ENUM(struct rule, kind, "计分方法", enum_rule_kind, .flags = FL_REQUIRED),
    STR(struct rule, name, "分项名称"),
    DEC(struct rule, points, "分值", NOTE("defaults to the indicator's weight")),
    ENUM(struct rule, figure, "计分依据", enum_figure),
    ARR(struct rule, criteria, "评分要点", s_criterion),
    BOOL(struct rule, zero_above_one, "超过 100% 得 0 分"),
    ARR(struct rule, tiers, "分档", s_tier, NOTE("first matching band wins")),
    DEC(struct rule, per_item, "每项扣分"),
    DEC(struct rule, threshold_pct, "比率上限（%）"),
    DEC(struct rule, per_point, "每超一个百分点扣分"),
    DEC(struct rule, quarter_points, "每季度分值"),
    DEC(struct rule, average_points, "全年平均执行率分值"),
    DECS(struct rule, time_progress_pct, "各季度序时进度（%）"),
    ARR(struct rule, parts, "分项", s_rule),
};
static const struct schema s_rule = {"rule", "计分规则", sizeof(struct rule), rule_fields,
                                     LEN(rule_fields)};

static const struct field scheme_item_fields[] = {
    STR(struct scheme_item, code, "指标编码", .flags = FL_REQUIRED),
    STR(struct scheme_item, name, "三级指标", .flags = FL_REQUIRED),
    DEC(struct scheme_item, weight, "分值", .flags = FL_REQUIRED),
    OBJ(struct scheme_item, rule, "计分规则", s_rule, .flags = FL_REQUIRED),
    TEXT(struct scheme_item, note, "评分标准"),
};
SCHEMA(s_scheme_item, scheme_item, "三级指标");

static const struct field scheme_group_fields[] = {
    STR(struct scheme_group, name, "二级指标", .flags = FL_REQUIRED),
    DEC(struct scheme_group, weight, "分值", .flags = FL_REQUIRED),
    ARR(struct scheme_group, items, "三级指标", s_scheme_item),
};
SCHEMA(s_scheme_group, scheme_group, "二级指标");

static const struct field scheme_level_fields[] = {
    STR(struct scheme_level, name, "一级指标", .flags = FL_REQUIRED),
    DEC(struct scheme_level, weight, "分值", .flags = FL_REQUIRED),
    ARR(struct scheme_level, groups, "二级指标", s_scheme_group),
};
SCHEMA(s_scheme_level, scheme_level, "一级指标");

static const struct field grade_band_fields[] = {
    STR(struct grade_band, name, "等级", .flags = FL_REQUIRED),
    DEC(struct grade_band, min, "最低分", .flags = FL_REQUIRED),
    BOOL(struct grade_band, min_open, "须高于最低分"),
};
SCHEMA(s_grade_band, grade_band, "评价等级");

static const struct field group_guide_fields[] = {
    STR(struct group_guide, name, "二级指标", .flags = FL_REQUIRED),
};
SCHEMA(s_group_guide, group_guide, "二级指标");

static const struct field level_guide_fields[] = {
    STR(struct level_guide, name, "一级指标", .flags = FL_REQUIRED),
    DEC(struct level_guide, weight, "建议分值", .flags = FL_REQUIRED),
    ARR(struct level_guide, groups, "常用二级指标", s_group_guide,
        NOTE("the second levels a new self-evaluation table starts with")),
};
SCHEMA(s_level_guide, level_guide, "一级指标建议分值");

static const struct field execution_def_fields[] = {
    STR(struct execution_def, name, "名称"),
    DEC(struct execution_def, weight, "分值", .flags = FL_REQUIRED),
};
SCHEMA(s_execution_def, execution_def, "预算执行率");

static const struct field qualitative_def_fields[] = {
    DEC(struct qualitative_def, achieved_min_pct, "达成预期指标下限（%）", .flags = FL_REQUIRED),
    DEC(struct qualitative_def, partial_min_pct, "部分达成下限（%）", .flags = FL_REQUIRED),
};
SCHEMA(s_qualitative_def, qualitative_def, "定性指标分档");

static const struct field report_section_fields[] = {
    STR(struct report_section, name, "部分", .flags = FL_REQUIRED,
        NOTE("a member of the document's narrative: functions, problems, measures …")),
};
SCHEMA(s_report_section, report_section, "报告正文必填部分");

static const struct field scheme_fields[] = {
    STR(struct scheme, format, "格式标识", .flags = FL_REQUIRED,
        NOTE("always \"" SCHEME_FORMAT_NAME "\"")),
    AT(struct scheme, "version", version, "格式版本", FT_INT, .flags = FL_REQUIRED, .min = 1,
       .max = 1000000),
    STR(struct scheme, name, "方案名称", .flags = FL_REQUIRED),
    STR(struct scheme, title, "方案标题", .flags = FL_REQUIRED),
    TEXT(struct scheme, source, "依据"),
    TEXT(struct scheme, notes, "说明"),
    DEC(struct scheme, total, "满分", .flags = FL_REQUIRED),
    AT(struct scheme, "places", places, "得分小数位数", FT_INT, .flags = FL_REQUIRED, .min = 0,
       .max = 4),
    OBJ(struct scheme, execution, "预算执行率", s_execution_def),
    DEC(struct scheme, indicator_weight, "绩效指标分值",
        NOTE("for indicator tables defined by each document")),
    ARR(struct scheme, levels_guide, "一级指标建议分值", s_level_guide),
    ENUM(struct scheme, le_rule, "“≤”指标计分方法", enum_le_variant),
    OBJ(struct scheme, qualitative, "定性指标分档", s_qualitative_def),
    BOOL(struct scheme, require_deviation, "扣分须填偏差原因"),
    DEC(struct scheme, far_above_pct, "完成值远超目标的阈值（%）"),
    DEC(struct scheme, balance_pct, "指标得分与执行率得分偏离预警阈值（%）"),
    ARR(struct scheme, grades, "评价等级", s_grade_band, .flags = FL_REQUIRED,
        NOTE("highest first; the first band whose minimum the total reaches")),
    ARR(struct scheme, required_sections, "报告正文必填部分", s_report_section,
        NOTE("the parts of the report's text a task needs before it is sent up")),
    ARR(struct scheme, tree, "指标体系", s_scheme_level,
        NOTE("a fixed indicator tree with a rule per indicator")),
};
const struct schema schema_scheme = {"scheme", "评分方案", sizeof(struct scheme), scheme_fields,
                                     LEN(scheme_fields)};
