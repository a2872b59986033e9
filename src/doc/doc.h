/* The self-evaluation document: one unit's 部门整体支出绩效自评 for one year.
 *
 * This is the in-memory form of the JSON format documented in
 * docs/format.md. It holds the primary data a unit enters and every figure
 * the published document *states* (totals, rates, scores, grades) in fields
 * named stated_*; nothing here is computed. The engine derives its own
 * figures from the primary data and compares them with the stated ones.
 *
 * Conventions: a dec_t field that is blank holds DEC_NONE; a count that is
 * blank holds COUNT_NONE; a string that is absent is NULL; an array that is
 * empty has count 0. Percentages are stored in percent (85.81 for 85.81%)
 * in fields ending in _pct. Amounts are in the money unit of their table.
 *
 * All memory of a document (strings, arrays) belongs to doc->arena. */
#ifndef JX_DOC_H
#define JX_DOC_H

#include "../base/arena.h"
#include "../base/dec.h"

#include <stdbool.h>
#include <stdint.h>

#define COUNT_NONE         INT64_MIN
#define DOC_FORMAT_NAME    "jixiao-evaluation"
#define DOC_FORMAT_VERSION 1

enum money_unit { MONEY_UNSET, MONEY_YUAN, MONEY_WAN, MONEY_YI };

/* Comparator of a quantitative target (≥ ≤ = > <). */
enum cmp_op { CMP_UNSET, CMP_GE, CMP_LE, CMP_EQ, CMP_GT, CMP_LT };

enum ind_kind { KIND_UNSET, KIND_QUANT, KIND_QUAL };

/* The evaluator's band for a qualitative indicator. */
enum qual_band { BAND_UNSET, BAND_ACHIEVED, BAND_PARTIAL, BAND_NOT_ACHIEVED };

enum attach_kind { ATTACH_UNSET, ATTACH_SELF_REPORT, ATTACH_PROJECT_REPORT, ATTACH_OTHER };

/* ---- unit ------------------------------------------------------------ */

struct unit_ref {
        const char *code; /* six digits */
        const char *name;
};

struct unit_info {
        const char *code;
        const char *name;
        struct unit_ref supervisor; /* 主管部门; absent for a supervising unit */
};

/* ---- 基础数据表 (seed 004, 附件1-1) ------------------------------------ */

/* One money row in the table's three columns. */
struct money3 {
        dec_t prior_final; /* 上年决算数 */
        dec_t budget;      /* 本年预算数 */
        dec_t final;       /* 本年决算数 */
};

struct basic_staffing {
        int64_t authorized;            /* 编制数 */
        int64_t actual;                /* 实际在职人数 */
        dec_t stated_control_rate_pct; /* 控制率 as printed */
};

struct vehicle_costs {
        struct money3 stated;    /* 公务用车购置和维护经费 as printed */
        struct money3 purchase;  /* 公车购置 */
        struct money3 operation; /* 公车运行维护 */
};

struct three_public_costs {
        struct money3 stated; /* 三公经费 as printed */
        struct vehicle_costs vehicles;
        struct money3 overseas;  /* 出国经费 */
        struct money3 reception; /* 公务接待 */
};

struct special_fund {
        const char *name;
        struct money3 amounts;
};

struct special_funds {
        struct money3 stated; /* 上级专项资金 as printed */
        struct special_fund *funds;
        size_t n_funds;
};

struct project_spending {
        struct money3 stated;    /* 项目支出 as printed */
        struct money3 business;  /* 业务工作经费 */
        struct money3 operation; /* 运行维护经费 */
        struct special_funds special;
};

/* 公用经费 is entered as a total; its 其中 rows are parts of it, not all. */
struct public_funds {
        struct money3 total;
        struct money3 office;            /* 办公经费 */
        struct money3 utilities_travel;  /* 水费、电费、差旅费 */
        struct money3 meetings_training; /* 会议费、培训费 */
};

struct building {
        const char *name;
        dec_t approved_area;                 /* 批复规模 ㎡ */
        dec_t actual_area;                   /* 实际规模 ㎡ */
        dec_t stated_area_control_pct;       /* 规模控制率 */
        dec_t budget_investment;             /* 预算投资 */
        dec_t actual_investment;             /* 实际投资 */
        dec_t stated_investment_control_pct; /* 投资概算控制率 */
};

struct basic_data {
        enum money_unit unit;
        struct basic_staffing staffing;
        struct three_public_costs three_public;
        struct project_spending project_spending;
        struct public_funds public_funds;
        struct money3 procurement;             /* 政府采购金额 */
        struct money3 basic_budget_adjustment; /* 部门基本支出预算调整 */
        struct building *buildings;
        size_t n_buildings;
        const char *austerity; /* 厉行节约保障措施 */
};

/* ---- 评价基础数据 (seed 001's raw figures) ------------------------------ */

struct procurement_row {
        const char *name;
        dec_t planned;         /* 采购计划金额 */
        dec_t actual;          /* 实际采购金额 */
        dec_t stated_rate_pct; /* 政府采购执行率 as printed */
};

struct procurement_table {
        struct procurement_row *rows;
        size_t n_rows;
        struct procurement_row stated; /* 合计 row as printed */
};

struct adjustment_row {
        const char *name;
        dec_t initial;           /* 年初预算数 */
        dec_t adjusted;          /* 全年预算数 */
        dec_t stated_adjustment; /* 预算调整调剂金额 as printed */
        dec_t self_adjustment;   /* 自行预算调整调剂金额 */
        dec_t stated_rate_pct;   /* 预算调整调剂比率 as printed */
};

struct earmarked_addition {
        const char *name; /* e.g. 上级转移资金 */
        dec_t amount;
};

struct adjustment_table {
        struct adjustment_row *rows;
        size_t n_rows;
        struct adjustment_row stated;
        struct earmarked_addition *earmarked; /* 专项追加, excluded from self adjustment */
        size_t n_earmarked;
};

struct asset_row {
        const char *name;
        dec_t total;           /* 固定资产总额 */
        dec_t in_use;          /* 在用资产总额 */
        dec_t stated_rate_pct; /* 固定资产利用率 as printed */
};

struct asset_table {
        struct asset_row *rows;
        size_t n_rows;
        struct asset_row stated;
};

struct asset_balance {
        dec_t current;      /* 流动资产 */
        dec_t fixed_net;    /* 固定资产净值 */
        dec_t construction; /* 在建工程 */
        dec_t intangible;   /* 无形资产净值 */
        dec_t stated_total; /* 期末总资产净值 as printed */
};

struct staff_row {
        const char *name;
        int64_t authorized;            /* 编制人数 */
        int64_t on_payroll;            /* 实有(在编)人数 */
        int64_t extra;                 /* 编外人员 (劳务派遣、直接聘用) */
        int64_t stated_headcount;      /* 实有人数(含在编和编外) as printed */
        dec_t stated_control_rate_pct; /* 财政供养人员控制率 as printed */
        dec_t stated_extra_rate_pct;   /* 编外人员控制率 as printed */
};

struct staff_table {
        struct staff_row *rows;
        size_t n_rows;
        struct staff_row stated;
};

struct three_public_figures {
        dec_t overseas;     /* 因公出国(境)费 */
        dec_t vehicles;     /* 公务用车购置及运行维护费 */
        dec_t reception;    /* 公务接待费 */
        dec_t stated_total; /* as printed */
};

struct three_public_control {
        struct three_public_figures budget;
        struct three_public_figures actual;
        dec_t stated_rate_pct; /* 三公经费控制率 as printed */
};

struct daily_public_control {
        dec_t initial;         /* 年初预算数 */
        dec_t adjusted;        /* 调整预算数 */
        dec_t actual;          /* 决算数 */
        dec_t stated_rate_pct; /* 日常公用经费控制率 as printed */
};

struct execution_row {
        const char *name;
        dec_t allocated;       /* 指标金额 */
        dec_t paid;            /* 已支付金额 */
        dec_t stated_rate_pct; /* 预算执行进度 as printed */
};

struct execution_table {
        struct execution_row *rows;
        size_t n_rows;
        struct execution_row stated;
};

struct quarter {
        dec_t allocated;           /* 当季度部门指标金额 */
        dec_t paid;                /* 当季预算累计已支付金额 */
        dec_t stated_progress_pct; /* 支出进度 as printed */
        dec_t stated_ratio_pct;    /* 分季执行率 (进度/序时进度) as printed */
};

struct quarterly {
        struct quarter *quarters; /* at most four, in order */
        size_t n_quarters;
        dec_t stated_average_pct; /* 年均执行率 as printed */
};

struct completion_counts {
        int64_t planned;       /* 计划完成项目数 */
        int64_t completed;     /* 已完成项目数 */
        dec_t stated_rate_pct; /* 完成及时率 as printed */
};

struct task_counts {
        int64_t assigned; /* 重点工作任务数 */
        int64_t finished; /* 已完成数 */
};

struct petition_counts {
        int64_t received;         /* 信访件数 */
        int64_t answered;         /* 已办理回复数 */
        int64_t answered_on_time; /* 按时办理回复数 */
};

struct perf_data {
        enum money_unit unit;
        struct procurement_table procurement;
        struct adjustment_table budget_adjustment;
        struct asset_table fixed_assets;
        struct asset_balance asset_balance;
        struct staff_table staffing;
        struct three_public_control three_public;
        struct daily_public_control daily_public;
        struct execution_table execution;
        struct quarterly quarterly;
        struct completion_counts projects;
        struct task_counts key_tasks;
        struct petition_counts petitions;
        dec_t satisfaction_pct; /* 满意度 */
};

/* ---- 自评表 and 项目表 --------------------------------------------------- */

/* A value as written: a number with its unit, or a text. */
struct measure {
        dec_t value;
        const char *unit; /* overrides the indicator's unit when written differently */
        const char *text; /* qualitative value, e.g. 达标 */
};

struct target {
        enum cmp_op op;
        struct measure m;
};

struct indicator {
        const char *code; /* links the row to a rule of the scheme */
        const char *name;
        enum ind_kind kind;
        const char *unit;       /* 度量单位 */
        struct target target;   /* 年度指标值 */
        struct measure midyear; /* 年中监控实际完成值 */
        struct measure actual;  /* 实际完成值 */
        dec_t weight;           /* 分值 */
        dec_t score;            /* 得分, as the unit gives it */
        enum qual_band band;
        bool not_applicable;
        dec_t *criteria; /* points earned per criterion of a checklist rule */
        size_t n_criteria;
        dec_t stated_completion_pct; /* 完成率 as printed */
        const char *deviation;       /* 偏差原因 */
        const char *improvement;     /* 改进措施 */
};

struct ind_group { /* 二级指标 */
        const char *name;
        dec_t stated_weight;
        dec_t stated_score;
        struct indicator *items;
        size_t n_items;
};

struct ind_level { /* 一级指标 */
        const char *name;
        dec_t stated_weight;
        dec_t stated_score;
        struct ind_group *groups;
        size_t n_groups;
};

/* A row of the split 按收入性质 / 按支出性质, or of a project's funds. */
struct split_row {
        const char *name;
        dec_t initial;
        dec_t adjusted;
        dec_t executed;
        dec_t stated_rate_pct;
};

/* 年度预算申请 */
struct budget_request {
        enum money_unit unit;
        dec_t initial;  /* 年初预算数 */
        dec_t adjusted; /* 全年预算数 (A) */
        dec_t executed; /* 全年执行数 (B) */
        dec_t weight;   /* 分值 */
        dec_t stated_rate_pct;
        dec_t stated_score;
        struct split_row *by_income;
        size_t n_by_income;
        dec_t stated_income_total;
        struct split_row *by_expenditure;
        size_t n_by_expenditure;
        dec_t stated_expenditure_total;
};

struct goal {
        const char *declared; /* 年初目标设定 */
        const char *achieved; /* 全年实际完成情况 */
};

/* What the 自评表 and every 项目表 share: scored out of 100 on its own. */
struct score_table {
        struct budget_request budget;
        struct goal goal;
        struct ind_level *indicators;
        size_t n_indicators;
        dec_t stated_total;
        const char *stated_grade;
};

/* 年度主要任务 (seed 002) */
struct main_task {
        const char *name;
        const char *content;
        dec_t budget;
        dec_t budget_fiscal;
        const char *completion;
        dec_t executed;
        dec_t executed_fiscal;
        dec_t stated_rate_pct;
};

struct self_eval {
        struct score_table table;
        struct main_task *main_tasks;
        size_t n_main_tasks;
};

struct project {
        const char *code;
        const char *name;
        const char *category; /* e.g. 本级财力项目, 上级专项 */
        struct score_table table;
        const char *report; /* 项目自评报告 text */
};

/* ---- narrative, statements, attachments -------------------------------- */

struct section {
        const char *title;
        const char *text;
};

struct narrative {
        const char *functions;    /* 部门主要职能 */
        const char *organization; /* 机构设置 */
        const char *personnel;    /* 人员情况 */
        const char *key_work;     /* 年度重点工作 */
        const char *budget;       /* 预算安排及执行 */
        const char *performance;  /* 绩效目标完成情况 */
        const char *conclusion;   /* 评价结论 */
        const char *problems;     /* 存在的问题及原因 */
        const char *measures;     /* 改进措施 */
        const char *application;  /* 结果应用及公开 */
        struct section *other;
        size_t n_other;
};

/* A figure the report's text states about a table cell. */
struct statement {
        const char *where;      /* section of the report */
        const char *text;       /* the sentence as printed */
        const char *refers_to;  /* document path of the cell it restates */
        dec_t value;            /* number as stated, in the cell's unit */
        const char *value_text; /* or a text such as a grade */
};

struct attachment {
        enum attach_kind kind;
        const char *name;
        const char *project; /* project name, for project reports */
        const char *media_type;
        const char *sha256;
        int64_t size;
};

/* Which optional sections of a document hold data (struct doc.sections). */
enum {
        DOC_HAS_BASIC = 1 << 0,      /* 基础数据表 */
        DOC_HAS_PERF = 1 << 1,       /* 评价基础数据 */
        DOC_SECTIONS_KNOWN = 1 << 2, /* the bits above are up to date */
};

struct doc {
        struct arena *arena;
        /* Cache of DOC_HAS_* bits, set by doc_new() and doc_parse(); code
         * that fills basic_data or performance_data of an existing
         * document in memory calls doc_note_sections() afterwards. */
        unsigned sections;
        const char *format;
        int64_t version;
        struct unit_info unit;
        int64_t fiscal_year;
        const char *scheme;
        struct basic_data basic;
        struct perf_data perf;
        struct self_eval self;
        struct project *projects;
        size_t n_projects;
        struct narrative narrative;
        struct statement *statements;
        size_t n_statements;
        struct attachment *attachments;
        size_t n_attachments;
};

/* An empty document (every field unset) owning a fresh arena. */
struct doc *doc_new(void);
/* True when path names a figure the published document states and the
 * engine computes (a member named stated_*): never a user's own entry. */
bool doc_path_is_stated(const char *path);

/* A deep copy of d with an arena of its own. */
struct doc *doc_clone(const struct doc *d);
/* Free the document and its arena. NULL is allowed. */
void doc_free(struct doc *d);

/* Recompute d->sections from the data. */
void doc_note_sections(struct doc *d);
/* True if the 基础数据表 / 评价基础数据 of d hold any data. */
bool doc_has_basic(const struct doc *d);
bool doc_has_perf(const struct doc *d);

#endif
