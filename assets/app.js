// jixiao: progressive enhancement only; every page works without JavaScript.
"use strict";

// Forms that ask before they act (data-confirm on the form or the button).
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question =
    (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});

// The edit pages. While the user types, the form goes to the task's
// preview (POST /api/tasks/{id}/preview, nothing saved) and the answer's
// JSON refreshes the computed cells, the notes under the rows, the
// summary and the fields refused. All the arithmetic stays on the server,
// in the engine; this script only copies its answer into the page.
const setUpEditForm = (form) => {
  const status = form.querySelector("[data-status]");
  let timer = 0;
  let sent = 0;
  let dirty = false;

  const say = (text) => {
    if (status) status.textContent = text;
  };

  const byAttr = (attribute, value) =>
    document.querySelector(`[${attribute}="${CSS.escape(value)}"]`);

  const cells = (answer) => {
    for (const [key, cell] of Object.entries(answer.cells || {})) {
      const output = byAttr("data-cell", key);
      if (output) output.textContent = cell.text;
      const stated = byAttr("data-stated", key);
      if (stated) {
        stated.hidden = !cell.stated;
        stated.textContent = cell.stated ? "表列 " + cell.stated : "";
      }
    }
  };

  const note = (finding) => {
    const p = document.createElement("p");
    p.className = "note " + finding.severity;
    const tag = document.createElement("span");
    tag.className = "tag " + finding.severity;
    tag.textContent = finding.severity_label;
    p.append(tag, " " + finding.message);
    return p;
  };

  // The fields of the form by name (rows come and go).
  let fields = new Map();
  const findFields = () => {
    fields = new Map(
      [...form.querySelectorAll("input[name^='$'], textarea, select")].map((f) => [f.name, f]),
    );
  };
  // An error about what was typed in a field is said at the field.
  const atField = (finding) => finding.severity === "error" && fields.has(finding.path);

  const notes = (answer) => {
    findFields();
    const boxes = new Map();
    for (const box of document.querySelectorAll("[data-notes]")) {
      box.replaceChildren();
      boxes.set(box.getAttribute("data-notes"), box);
    }
    const listed = document.querySelector("[data-findings]");
    if (listed) listed.replaceChildren();
    const typedWrong = (answer.refused || []).length; // refused values are errors too
    let errors = typedWrong;
    let warnings = 0;
    for (const finding of answer.findings || []) {
      const box = finding.row && boxes.get(finding.row);
      if (!box) continue;
      if (!atField(finding)) box.append(note(finding));
      if (finding.severity === "error") errors++;
      if (finding.severity === "warning") warnings++;
      if (listed && finding.severity !== "info") {
        const li = document.createElement("li");
        const tag = document.createElement("span");
        tag.className = "tag " + finding.severity;
        tag.textContent = finding.severity_label;
        const link = document.createElement("a");
        link.href = "#" + finding.anchor;
        link.textContent = finding.label;
        li.append(tag, " ", link, "：" + finding.message);
        listed.append(li);
      }
    }
    const set = (selector, text) => {
      const node = document.querySelector(selector);
      if (node) node.textContent = text;
    };
    set('[data-count="errors"]', errors);
    set('[data-count="warnings"]', warnings);
    set('[data-count="task-errors"]', answer.errors + typedWrong);
    set("[data-total]", answer.total === null ? "—" : Number(answer.total).toFixed(2));
    set("[data-grade]", answer.grade || "");
  };

  // What is wrong at a field (a value refused, else an error about it): a
  // red border and the message under the field.
  const marks = (answer) => {
    const bad = new Map((answer.refused || []).map((r) => [r.path, r.message]));
    for (const finding of answer.findings || [])
      if (atField(finding) && !bad.has(finding.path)) bad.set(finding.path, finding.message);
    for (const field of fields.values()) {
      const message = bad.get(field.name);
      field.classList.toggle("invalid", Boolean(message));
      if (message) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
      let hint = field.parentElement.querySelector(".field-error");
      if (message && !hint) {
        hint = document.createElement("small");
        hint.className = "field-error";
        hint.setAttribute("role", "alert");
        field.after(hint);
      }
      if (hint) {
        hint.textContent = message || "";
        hint.hidden = !message;
      }
    }
  };

  let last = ""; // the form as last sent: nothing to do when it has not changed
  const preview = async () => {
    const body = new URLSearchParams(new FormData(form));
    body.delete("op");
    if (body.toString() === last) return;
    last = body.toString();
    const ticket = ++sent;
    form.dataset.busy = "1";
    say("正在按填写内容重新计算……");
    try {
      const response = await fetch(form.dataset.preview, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
      if (ticket !== sent) return; // a newer preview is on its way
      if (!response.ok) {
        say("暂时无法重新计算（" + response.status + "），保存时仍会计算。");
        return;
      }
      const answer = await response.json();
      cells(answer);
      notes(answer);
      marks(answer);
      const n = (answer.refused || []).length;
      say(n ? `有 ${n} 处填写有误，已在该处标出。` : "已按最新填写计算（尚未保存）。");
    } catch (error) {
      if (ticket === sent) say("网络中断，暂时无法重新计算；保存时仍会计算。");
    } finally {
      if (ticket === sent) delete form.dataset.busy;
    }
  };

  const later = () => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(preview, 400);
  };
  form.addEventListener("input", later);
  // a field left: check it at once
  form.addEventListener("change", () => {
    clearTimeout(timer);
    preview();
  });

  // Enter in a one-line field moves to the next field, as in a spreadsheet
  // (without this script Enter saves); it never presses a row's button.
  form.addEventListener("keydown", (event) => {
    const field = event.target;
    if (event.key !== "Enter" || field.tagName !== "INPUT" || event.isComposing) return;
    event.preventDefault();
    const fields = [...form.querySelectorAll("input[name^='$']:not([type=hidden]), textarea, select")];
    const next = fields[fields.indexOf(field) + (event.shiftKey ? -1 : 1)];
    if (next) next.focus();
  });

  // A row added, moved or removed: the form is saved with the operation
  // as without this script, but the answer replaces the part of the page
  // in place (no reload): the caret goes to the new row's first field,
  // or back where the user was.
  form.addEventListener("click", async (event) => {
    const button = event.target.closest("button[name=op]");
    if (!button || !form.contains(button)) return;
    event.preventDefault();
    const question = button.getAttribute("data-confirm");
    if (question && !window.confirm(question)) return;
    clearTimeout(timer);
    const body = new URLSearchParams(new FormData(form));
    body.set("op", button.value);
    form.dataset.busy = "1";
    say("正在保存……");
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
      const next = new DOMParser().parseFromString(await response.text(), "text/html");
      const main = next.querySelector("main");
      if (!main) throw new Error("no page");
      dirty = false;
      const y = window.scrollY;
      button.blur(); // (removing a focused element would later take the focus away)
      document.querySelector("main").replaceWith(main);
      document.title = next.title;
      if (response.redirected) history.replaceState(null, "", response.url);
      window.scrollTo(0, y);
      const fresh = main.querySelector("form.edit-form[data-preview]");
      if (fresh) {
        setUpEditForm(fresh);
        const row = fresh.dataset.focus && document.getElementById(fresh.dataset.focus);
        const first = row && row.querySelector("input:not([type=hidden]), textarea, select");
        if (first) {
          first.scrollIntoView({ block: "center" });
          first.focus();
        }
      }
    } catch (error) {
      console.error(error);
      delete form.dataset.busy;
      say("网络中断，未能保存，请稍后重试。");
    }
  });

  form.addEventListener("submit", () => {
    dirty = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (form.isConnected && dirty) event.preventDefault();
  });
};
for (const form of document.querySelectorAll("form.edit-form[data-preview]")) setUpEditForm(form);

// 全选: a box in a table's head checks every box of its column.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-check-all]");
  if (!all) return;
  for (const box of all.closest("table").querySelectorAll("tbody input[type=checkbox]"))
    box.checked = all.checked;
});
