/* The review chain of a self-evaluation task (DOMAIN.md, seed 004's
 * manual), as a table: which post of which unit holds a task in each
 * status, what it may do there, and where each action leads.
 *
 *   subordinate unit:  draft ─送审→ unit_review ─送审→ supervisor_review ─审核通过→ done
 *   supervising unit:  draft ─送审→ unit_review ─送审→ finance_review    ─审核通过→ done
 *
 * 退回 returns a task to the previous step with a required comment. The
 * holder of a draft is the unit's 经办岗; of unit_review the unit's 审核岗;
 * of supervisor_review the 审核岗 of the supervising unit (code xxx001); of
 * finance_review the finance bureau (财政绩效经办). Only the holder of a
 * draft or of unit_review may edit the task. This module decides; the web
 * layer checks the preconditions that need data (no blocking errors, the
 * required files, a supervising unit's subordinates all done). */
#ifndef JX_WORKFLOW_H
#define JX_WORKFLOW_H

#include "../store/store.h"

#include <stdbool.h>

enum wf_status {
        WF_DRAFT,
        WF_UNIT_REVIEW,
        WF_SUPERVISOR_REVIEW,
        WF_FINANCE_REVIEW,
        WF_DONE,
        WF_N_STATUS,
        WF_UNKNOWN = -1,
};

enum wf_action {
        WF_SUBMIT,  /* 送审: forward to the next step */
        WF_APPROVE, /* 审核通过: the last step finishes the task */
        WF_RETURN,  /* 退回: back to the previous step, with a comment */
        WF_N_ACTION,
};

/* The status named name ("draft", …), or WF_UNKNOWN. */
enum wf_status wf_status_parse(const char *name);
/* "draft", … and 经办岗填报中, … */
const char *wf_status_name(enum wf_status s);
const char *wf_status_label(enum wf_status s);
/* The status of task t as users read it: 已退回，经办岗修改中 while it
 * answers a return, else its status's label. */
const char *wf_task_label(const struct task *t);
/* True for a draft nobody has filled in since it was issued (未填报): its
 * computed total and grade mean nothing yet. */
bool wf_unfilled(const struct task *t);
/* "submit", … and 送审, 审核通过, 退回. */
const char *wf_action_name(enum wf_action a);
const char *wf_action_label(enum wf_action a);
/* The action named name, or -1. */
int wf_action_parse(const char *name);

/* True when user u holds task t in its current status (it waits for them). */
bool wf_holds(const struct user *u, const struct task *t);
/* True when u may edit t now: u holds it and it is a draft or in unit_review. */
bool wf_may_edit(const struct user *u, const struct task *t);
/* Where action a leads from t's status, or WF_UNKNOWN when a is not
 * possible there (a supervising unit's task skips supervisor_review). */
enum wf_status wf_next(const struct task *t, enum wf_action a);
/* May u take action a on t now? If not, *why says why in Chinese. */
bool wf_may(const struct user *u, const struct task *t, enum wf_action a, const char **why);

#endif
