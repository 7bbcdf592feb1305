/* Keeps what is typed into the article form in this browser (localStorage) until the
   form is submitted, and offers it back when the page is opened again: a closed tab, a
   crash or an expired login loses nothing. Restoring also brings back the version the
   text started from, so the server's check for someone else's save (and its merge)
   still applies. Drafts are kept per signed-in user (#autosave-owner), so the next
   person to sign in on this browser is never offered them; signing out removes them
   (accounts/forget_drafts.js on the signed-out page). */
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const form = document.getElementById("article_form");
  const owner = document.getElementById("autosave-owner");
  if (!form || !owner || !owner.dataset.user || !window.localStorage) return;
  const fields = ["title", "standfirst", "body"]
    .map((name) => form.elements[name])
    .filter((field) => field && !field.readOnly);
  if (!fields.length) return;
  const base = form.elements.base_version;
  const key = `chanye:autosave:${owner.dataset.user}:${window.location.pathname}`;
  const initial = values();
  let timer = null;

  function values() {
    return Object.fromEntries(fields.map((field) => [field.name, field.value]));
  }

  function same(a, b) {
    return fields.every((field) => (a[field.name] || "") === (b[field.name] || ""));
  }

  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function store() {
    const now = values();
    try {
      if (same(now, initial)) {
        window.localStorage.removeItem(key);
      } else {
        const entry = { values: now, base: base ? base.value : "", at: Date.now() };
        window.localStorage.setItem(key, JSON.stringify(entry));
      }
    } catch (error) {
      // Storage full or disabled: the form still works, only without this safety net.
    }
  }

  function button(label, action) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button";
    element.textContent = label;
    element.addEventListener("click", action);
    return element;
  }

  function offer(saved) {
    const notice = document.createElement("ul");
    notice.className = "messagelist";
    notice.id = "autosave-notice";
    const item = document.createElement("li");
    item.className = "info";
    const when = new Date(saved.at).toLocaleString("zh-CN", {
      month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit",
    });
    item.append(`这个浏览器里保存着 ${when} 未提交的修改。`);
    const restore = button("恢复这些修改", () => {
      for (const field of fields) {
        if (field.name in saved.values) {
          field.value = saved.values[field.name];
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }
      }
      if (base && saved.base) base.value = saved.base;
      notice.remove();
      fields[0].focus();
    });
    const discard = button("丢弃", () => {
      window.localStorage.removeItem(key);
      notice.remove();
    });
    item.append(" ", restore, " ", discard);
    notice.append(item);
    form.prepend(notice);
  }

  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(store, 1000);
  });
  form.addEventListener("submit", () => {
    clearTimeout(timer);
    window.localStorage.removeItem(key);
  });
  const saved = load();
  if (saved && saved.values && !same(saved.values, initial)) offer(saved);
});
