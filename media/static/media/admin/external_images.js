/* Pictures from other sites in the article body: the site does not show them, so each
 * distinct external address gets a button that fetches the picture into the library
 * (checked like an upload) and replaces the address with `media:ID` everywhere in the
 * body. Needs uploader.js for the CSRF token. */
"use strict";

(function () {
  const REFERENCE = /!\[[^\]]*\]\(\s*<?(https?:\/\/[^)\s>]+)>?/g;

  function externalUrls(text) {
    return [...new Set([...text.matchAll(REFERENCE)].map((match) => match[1]))];
  }

  function replaceUrl(area, url, id) {
    const value = area.value.split(`(<${url}>`).join(`(media:${id}`).split(`(${url}`).join(`(media:${id}`);
    area.value = value;
    area.dispatchEvent(new Event("input", {bubbles: true}));
  }

  async function fetchInto(area, url, status) {
    status.textContent = `正在取回“${url}”…`;
    const data = new FormData();
    data.append("url", url);
    let result;
    try {
      const response = await fetch(area.dataset.fetchUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: {"X-CSRFToken": window.MediaUploader.csrfToken(), Accept: "application/json"},
      });
      result = await response.json();
    } catch (error) {
      result = {ok: false, error: `“${url}”未取回：网络中断或服务器出错。`};
    }
    if (!result.ok) {
      status.textContent = result.error;
      return;
    }
    replaceUrl(area, url, result.id);
    status.textContent = result.alt ? result.message : `${result.message}发布前请在 ![] 中写替代文字，或到图库填写。`;
  }

  function setUp(area) {
    const panel = document.createElement("section");
    panel.className = "external-images";
    panel.setAttribute("aria-label", "正文中的外部图片");
    panel.hidden = true;
    const intro = document.createElement("p");
    intro.textContent = "正文引用了其他网站的图片，网站不会直接显示它们。可以取回到图库后使用：";
    const list = document.createElement("ul");
    panel.append(intro, list);
    // Outside the panel, which hides once no external address is left: the outcome stays.
    const status = document.createElement("p");
    status.className = "external-images__status";
    status.setAttribute("role", "status");
    area.after(panel, status);

    let shown = "";
    function refresh() {
      const urls = externalUrls(area.value);
      if (urls.join("\n") === shown) return;
      shown = urls.join("\n");
      list.replaceChildren(
        ...urls.map((url) => {
          const item = document.createElement("li");
          const address = document.createElement("code");
          address.textContent = url;
          const button = document.createElement("button");
          button.type = "button";
          button.className = "button";
          button.textContent = "取回到图库";
          button.setAttribute("aria-label", `取回到图库：${url}`);
          button.addEventListener("click", () => fetchInto(area, url, status));
          item.append(address, " ", button);
          return item;
        }),
      );
      panel.hidden = urls.length === 0;
    }
    area.addEventListener("input", refresh);
    refresh();
  }

  function init() {
    document.querySelectorAll("textarea[data-fetch-url]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
