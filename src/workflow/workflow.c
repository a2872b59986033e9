/* The review chain as a table (see workflow.h). */
#include "workflow.h"

#include <string.h>

static const struct {
        const char *name, *label;
        const char *returned; /* the label while the task answers a return */
} statuses[WF_N_STATUS] = {
    [WF_DRAFT] = {"draft", "经办岗填报中", "已退回，经办岗修改中"},
    [WF_UNIT_REVIEW] = {"unit_review", "待本单位审核", "已退回，待本单位审核岗处理"},
    [WF_SUPERVISOR_REVIEW] = {"supervisor_review", "待主管部门审核", "已退回，待主管部门审核"},
    [WF_FINANCE_REVIEW] = {"finance_review", "待财政绩效经办审核", "已退回，待财政绩效经办审核"},
    [WF_DONE] = {"done", "已完成", "已完成"},
};

static const struct {
        const char *name, *label;
} actions[WF_N_ACTION] = {
    [WF_SUBMIT] = {"submit", "送审"},
    [WF_APPROVE] = {"approve", "审核通过"},
    [WF_RETURN] = {"return", "退回"},
};

/* Who holds a task in each status. */
enum holder { BY_UNIT, BY_SUPERVISOR, BY_FINANCE, BY_NOBODY };

/* One step of the chain: who holds it, with which post, and where each
 * action leads (WF_UNKNOWN: not possible). */
static const struct step {
        enum holder holder;
        enum role post;
        enum wf_status next[WF_N_ACTION];
} chain[WF_N_STATUS] = {
    [WF_DRAFT] = {BY_UNIT, ROLE_PREPARER, {WF_UNIT_REVIEW, WF_UNKNOWN, WF_UNKNOWN}},
    /* the forward of unit_review depends on the unit: see wf_next */
    [WF_UNIT_REVIEW] = {BY_UNIT, ROLE_REVIEWER, {WF_SUPERVISOR_REVIEW, WF_UNKNOWN, WF_DRAFT}},
    [WF_SUPERVISOR_REVIEW] = {BY_SUPERVISOR, ROLE_REVIEWER, {WF_UNKNOWN, WF_DONE, WF_UNIT_REVIEW}},
    [WF_FINANCE_REVIEW] = {BY_FINANCE, ROLE_FINANCE, {WF_UNKNOWN, WF_DONE, WF_UNIT_REVIEW}},
    [WF_DONE] = {BY_NOBODY, ROLE_NONE, {WF_UNKNOWN, WF_UNKNOWN, WF_UNKNOWN}},
};

enum wf_status wf_status_parse(const char *name)
{
        for (int s = 0; name && s < WF_N_STATUS; s++)
                if (strcmp(name, statuses[s].name) == 0)
                        return (enum wf_status)s;
        return WF_UNKNOWN;
}

const char *wf_status_name(enum wf_status s)
{
        return s >= 0 && s < WF_N_STATUS ? statuses[s].name : "unknown";
}

const char *wf_status_label(enum wf_status s)
{
        return s >= 0 && s < WF_N_STATUS ? statuses[s].label : "未知状态";
}

const char *wf_task_label(const struct task *t)
{
        enum wf_status s = wf_status_parse(t->status);
        if (s < 0 || s >= WF_N_STATUS)
                return "未知状态";
        return t->returned ? statuses[s].returned : statuses[s].label;
}

bool wf_unfilled(const struct task *t)
{
        return !t->entered && wf_status_parse(t->status) == WF_DRAFT;
}

const char *wf_action_name(enum wf_action a)
{
        return actions[a].name;
}

const char *wf_action_label(enum wf_action a)
{
        return actions[a].label;
}

int wf_action_parse(const char *name)
{
        for (int a = 0; name && a < WF_N_ACTION; a++)
                if (strcmp(name, actions[a].name) == 0)
                        return a;
        return -1;
}

/* Is unit code the supervising unit of the department of task_code? */
static bool supervises(const char *code, const char *task_code)
{
        return code && task_code && unit_is_supervising(code) && strncmp(code, task_code, 3) == 0 &&
               strcmp(code, task_code) != 0;
}

bool wf_holds(const struct user *u, const struct task *t)
{
        enum wf_status s = wf_status_parse(t->status);
        if (s == WF_UNKNOWN || u->disabled)
                return false;
        const struct step *st = &chain[s];
        if (u->role != st->post)
                return false;
        switch (st->holder) {
        case BY_UNIT:
                return u->unit_id == t->unit_id;
        case BY_SUPERVISOR:
                return supervises(u->unit_code, t->unit_code);
        case BY_FINANCE:
                return true;
        case BY_NOBODY:
                return false;
        }
        return false;
}

bool wf_may_edit(const struct user *u, const struct task *t)
{
        enum wf_status s = wf_status_parse(t->status);
        return (s == WF_DRAFT || s == WF_UNIT_REVIEW) && wf_holds(u, t);
}

enum wf_status wf_next(const struct task *t, enum wf_action a)
{
        enum wf_status s = wf_status_parse(t->status);
        if (s == WF_UNKNOWN)
                return WF_UNKNOWN;
        enum wf_status to = chain[s].next[a];
        if (s == WF_UNIT_REVIEW && a == WF_SUBMIT && unit_is_supervising(t->unit_code))
                to = WF_FINANCE_REVIEW;
        return to;
}

/* Why someone who does not hold a task cannot act on it. */
static const char *const not_holder[WF_N_STATUS] = {
    [WF_DRAFT] = "该自评任务正由本单位经办岗填报，您现在不能处理",
    [WF_UNIT_REVIEW] = "该自评任务正待本单位审核岗审核，您现在不能处理",
    [WF_SUPERVISOR_REVIEW] = "该自评任务正待主管部门审核岗审核，您现在不能处理",
    [WF_FINANCE_REVIEW] = "该自评任务正待财政绩效经办审核，您现在不能处理",
    [WF_DONE] = "该自评任务已完成审核，不能再送审或退回",
};

bool wf_may(const struct user *u, const struct task *t, enum wf_action a, const char **why)
{
        enum wf_status s = wf_status_parse(t->status);
        if (s == WF_UNKNOWN) {
                *why = "该自评任务的状态无法识别，请联系系统管理员";
                return false;
        }
        if (!wf_holds(u, t)) {
                *why = not_holder[s];
                return false;
        }
        if (wf_next(t, a) == WF_UNKNOWN) {
                *why = a == WF_APPROVE
                           ? "只有主管部门或财政绩效经办审核时才能审核通过，请使用“送审”"
                       : a == WF_SUBMIT ? "这是最后一步审核，请使用“审核通过”或“退回”"
                                        : "经办岗填报中的任务不能退回";
                return false;
        }
        *why = NULL;
        return true;
}
