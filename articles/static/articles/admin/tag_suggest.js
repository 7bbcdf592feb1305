/* Tag field of the article form: suggests existing tags for the name being typed (after
 * the last comma or 、), matched by characters, pinyin or initials. */
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
    });
    input.addEventListener("blur", close);
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
