/* Tag field of the article form: suggests existing tags for the name being typed (after
 * the last comma or 、), matched by characters, pinyin or initials; once a new name is
 * typed out, warns (without stopping the save) when existing tags are close to it. */
"use strict";

(function () {
  const SEPARATORS = /[,，、]/;

  function lastName(value) {
    const parts = value.split(SEPARATORS);
    return parts[parts.length - 1].trim();
  }

  function setUp(input) {
    const list = document.createElement("ul");
    list.id = input.id + "_suggestions";
    list.className = "tag-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "已有的标签");
    list.hidden = true;
    input.after(list);
    const warning = document.createElement("div");
    warning.id = input.id + "_neighbours";
    warning.className = "tag-neighbours";
    warning.setAttribute("role", "status");
    list.after(warning);
    let checked = null;

    async function checkNeighbours() {
      if (!input.dataset.neighboursUrl) return;
      const names = input.value.trim();
      if (names === checked) return;
      checked = names;
      const url = new URL(input.dataset.neighboursUrl, window.location.href);
      url.searchParams.set("names", names);
      const response = await fetch(url, {credentials: "same-origin"});
      if (!response.ok || checked !== names) return;
      const {near} = await response.json();
      warning.replaceChildren(
        ...near.map(({name, tags}) => {
          const line = document.createElement("p");
          line.append(`新标签“${name}”与已有标签相近：`);
          tags.forEach((tag, i) => {
            if (i) line.append("、");
            const link = document.createElement("a");
            link.href = tag.url;
            link.target = "_blank";
            link.rel = "noopener";
            link.textContent = tag.name;
            line.append(link, `（${tag.reason}）`);
          });
          line.append("。如果意思相同，请改用已有标签。");
          return line;
        }),
      );
    }
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");
    let active = -1;
    let latest = 0;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(name) {
      const value = input.value;
      const cut = Math.max(value.lastIndexOf(","), value.lastIndexOf("，"), value.lastIndexOf("、"));
      const kept = cut >= 0 ? value.slice(0, cut + 1) : "";
      input.value = kept + name + "、";
      input.dispatchEvent(new Event("input", {bubbles: true}));
      close();
      input.focus();
    }

    function highlight(index) {
      const items = list.querySelectorAll("li");
      items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
      active = index;
      if (items[index]) input.setAttribute("aria-activedescendant", items[index].id);
    }

    async function refresh() {
      const query = lastName(input.value);
      const request = ++latest;
      if (!query) return close();
      const url = new URL(input.dataset.suggestUrl, window.location.href);
      url.searchParams.set("q", query);
      const response = await fetch(url, {credentials: "same-origin"});
      if (!response.ok || request !== latest) return;
      const {tags} = await response.json();
      const typed = input.value.split(SEPARATORS).map((name) => name.trim());
      const fresh = tags.filter((name) => !typed.includes(name));
      if (!fresh.length) return close();
      list.replaceChildren(
        ...fresh.map((name, i) => {
          const item = document.createElement("li");
          item.id = `${list.id}_${i}`;
          item.setAttribute("role", "option");
          item.textContent = name;
          item.addEventListener("mousedown", (event) => {
            event.preventDefault();
            choose(name);
          });
          return item;
        }),
      );
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    input.addEventListener("input", (event) => {
      if (event.isTrusted) refresh();
      if (SEPARATORS.test(input.value.slice(-1))) checkNeighbours();
    });
    input.addEventListener("blur", () => {
      close();
      checkNeighbours();
    });
    input.addEventListener("keydown", (event) => {
      const items = list.querySelectorAll("li");
      if (list.hidden || !items.length) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        highlight((active + step + items.length) % items.length);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(items[active].textContent);
      } else if (event.key === "Escape") {
        close();
      }
    });
  }

  function init() {
    document.querySelectorAll("input[data-suggest-url]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
