// jixiao: progressive enhancement only; every page works without JavaScript.
"use strict";

// Forms that ask before they act (data-confirm on the form or the button).
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question =
    (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});

// The edit pages: the server draws the page again from what was typed
// (POST with preview=1, nothing saved); this script copies the computed
// cells, the notes and the summary from that page into this one. All the
// arithmetic stays on the server, in the engine.
for (const form of document.querySelectorAll("form.edit-form[data-preview]")) {
  const status = form.querySelector("[data-status]");
  let timer = 0;
  let sent = 0;
  let dirty = false;

  const say = (text) => {
    if (status) status.textContent = text;
  };

  // For each <tag attribute=key> of the fresh page, the same one here.
  const copy = (from, tag, attribute, take) => {
    for (const fresh of from.querySelectorAll(`${tag}[${attribute}]`)) {
      const key = CSS.escape(fresh.getAttribute(attribute));
      const here = document.querySelector(`${tag}[${attribute}="${key}"]`);
      if (here) take(here, fresh);
    }
  };

  const preview = async () => {
    const ticket = ++sent;
    const body = new URLSearchParams(new FormData(form));
    body.set("preview", "1");
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
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      copy(page, "output", "data-cell", (here, fresh) => {
        here.textContent = fresh.textContent;
      });
      copy(page, "div", "data-notes", (here, fresh) => {
        here.innerHTML = fresh.innerHTML;
      });
      const summary = page.querySelector("[data-summary]");
      const current = document.querySelector("[data-summary]");
      if (summary && current) current.replaceWith(document.importNode(summary, true));
      say("已按最新填写计算（尚未保存）。");
    } catch (error) {
      if (ticket === sent) say("网络中断，暂时无法重新计算；保存时仍会计算。");
    }
  };

  form.addEventListener("input", () => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(preview, 400);
  });
  form.addEventListener("submit", () => {
    dirty = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty) event.preventDefault();
  });
}
