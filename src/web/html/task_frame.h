/* The frame of every page of one task: its title, where it stands in the
 * review chain, the tabs of its parts (概况, 基础数据表, 自评表, 项目支出表,
 * 报告正文, 文件) and, while it answers a return, who returned it, when and
 * why; and the task's timeline. */
#ifndef JX_TASK_PAGE_H
#define JX_TASK_PAGE_H

#include "layout.h"
#include "../../app/tasks.h"

enum task_tab { TAB_OVERVIEW, TAB_BASIC, TAB_SELF, TAB_PROJECTS, TAB_REPORT, TAB_FILES };

/* Begin the page of task t on tab (title: unit, year and part). */
void task_page_begin(struct req *r, const struct task *t, enum task_tab tab);

/* The task's timeline, oldest first: each step of the chain (送审, 退回,
 * 审核通过) an entry with who, when, the status change and the comment;
 * the work between two steps (saves, files) one entry, each save under a
 * fold with what it changed. */
void task_timeline(struct req *r, const struct task *t);

#endif
