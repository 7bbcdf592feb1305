/* Markdown editor for the article form: a formatting toolbar with keyboard shortcuts and
 * a live preview, fetched from the admin and shown with the article page's stylesheet. */
"use strict";

(function () {
  const DELAY = 400;

  const MAC = /Mac|iPhone|iPad/.test(navigator.platform);
  const MOD = MAC ? "⌘" : "Ctrl+";

  // `key` with Ctrl (⌘ on a Mac); `alt` adds Alt (⌥). Shown in each button's title.
  const ACTIONS = [
    {label: "粗体", hint: "**文字**", key: "b", run: (area) => wrap(area, "**", "**", "粗体文字")},
    {label: "斜体", hint: "*文字*", key: "i", run: (area) => wrap(area, "*", "*", "斜体文字")},
    {label: "小标题", hint: "## ", key: "2", alt: true, run: (area) => prefixLines(area, "## ")},
    {label: "引用", hint: "> ", key: "q", alt: true, run: (area) => prefixLines(area, "> ")},
    {label: "列表", hint: "- ", key: "l", alt: true, run: (area) => prefixLines(area, "- ")},
    {label: "链接", hint: "[文字](网址)", key: "k", run: (area) => wrap(area, "[", "](https://)", "链接文字")},
    {label: "插图", hint: "从图库插入图片，或上传新图片（也可把图片拖入、粘贴到正文）", run: (area) => window.MediaPicker.open(area)},
    {label: "查术语", hint: "在术语表中查找所选文字", run: lookupTerm},
  ];

  function shortcut(action) {
    if (!action.key) return "";
    return MOD + (action.alt ? (MAC ? "⌥" : "Alt+") : "") + action.key.toUpperCase();
  }

  function titleOf(action) {
    const keys = shortcut(action);
    return `${action.label}（${action.hint}${keys ? "，" + keys : ""}）`;
  }

  function onShortcut(area, event) {
    if (!(MAC ? event.metaKey : event.ctrlKey) || event.shiftKey) return;
    const key = event.key.toLowerCase();
    if (key === "s" && !event.altKey) {  // save and keep editing
      const save = area.form && area.form.querySelector("input[name=_continue]");
      if (save) {
        event.preventDefault();
        save.click();
      }
      return;
    }
    const action = ACTIONS.find((a) => a.key === key && Boolean(a.alt) === event.altKey);
    if (action) {
      event.preventDefault();
      action.run(area);
    }
  }

  function changed(area) {
    area.dispatchEvent(new Event("input", {bubbles: true}));
    area.focus();
  }

  function wrap(area, before, after, placeholder) {
    const {selectionStart: start, selectionEnd: end} = area;
    const selected = area.value.slice(start, end) || placeholder;
    area.setRangeText(before + selected + after, start, end, "end");
    area.setSelectionRange(start + before.length, start + before.length + selected.length);
    changed(area);
  }

  function prefixLines(area, prefix) {
    const value = area.value;
    const start = value.lastIndexOf("\n", area.selectionStart - 1) + 1;
    let end = value.indexOf("\n", Math.max(area.selectionEnd - 1, start));
    if (end === -1) end = value.length;
    const lines = value.slice(start, end).split("\n");
    const done = lines.every((line) => line.startsWith(prefix));
    const result = lines.map((line) => (done ? line.slice(prefix.length) : prefix + line));
    area.setRangeText(result.join("\n"), start, end, "select");
    changed(area);
  }

  function lookupTerm(area) {
    const url = new URL(area.dataset.glossaryUrl, window.location.href);
    const selected = area.value.slice(area.selectionStart, area.selectionEnd).trim();
    if (selected) url.searchParams.set("q", selected);
    window.open(url.href, "_blank", "noopener");
  }

  function csrfToken(area) {
    const field = area.form && area.form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function setUp(area) {
    const editor = document.createElement("div");
    editor.className = "markdown-editor__wrap";
    const toolbar = document.createElement("div");
    toolbar.className = "markdown-editor__toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Markdown 格式");
    toolbar.setAttribute("aria-controls", area.id);
    for (const action of ACTIONS) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.textContent = action.label;
      button.title = titleOf(action);
      if (action.key) button.setAttribute("aria-keyshortcuts", shortcut(action).replace("⌘", "Meta+").replace("⌥", "Alt+"));
      button.addEventListener("click", () => action.run(area));
      toolbar.append(button);
    }
    const preview = document.createElement("section");
    preview.className = "markdown-editor__preview";
    preview.setAttribute("aria-label", "正文预览");
    const heading = document.createElement("p");
    heading.className = "markdown-editor__heading";
    heading.textContent = "预览（与文章页相同的排版与术语链接；Ctrl+S 保存并继续编辑）";
    // The preview is the article page's own markup and stylesheet, kept apart from the
    // admin's styles in a shadow root.
    const body = document.createElement("div");
    body.className = "markdown-editor__body";
    const page = body.attachShadow({mode: "open"});
    const sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = area.dataset.siteCss;
    const article = document.createElement("article");
    article.className = "article";
    const prose = document.createElement("div");
    prose.className = "prose";
    article.append(prose);
    page.append(sheet, article);
    preview.append(heading, body);

    const status = document.createElement("p");
    status.className = "markdown-editor__status";
    status.setAttribute("role", "status");

    area.addEventListener("keydown", (event) => onShortcut(area, event));
    area.replaceWith(editor);
    editor.append(toolbar, area, status, preview);
    if (window.MediaPicker && area.dataset.uploadUrl) window.MediaPicker.acceptFiles(area, status);

    let timer = null;
    let latest = 0;
    async function refresh() {
      const request = ++latest;
      const data = new FormData();
      data.append("text", area.value);
      try {
        const response = await fetch(area.dataset.previewUrl, {
          method: "POST",
          body: data,
          credentials: "same-origin",
          headers: {"X-CSRFToken": csrfToken(area)},
        });
        if (!response.ok) throw new Error(String(response.status));
        const result = await response.json();
        if (request !== latest) return;
        prose.innerHTML = result.html;  // sanitised by the server, as on the article page
        preview.classList.remove("markdown-editor__preview--stale");
      } catch (error) {
        if (request === latest) preview.classList.add("markdown-editor__preview--stale");
      }
    }
    area.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY);
    });
    refresh();
  }

  function init() {
    document.querySelectorAll("textarea.markdown-editor[data-preview-url]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
