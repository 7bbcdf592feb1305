// The topic form's table of articles: Django's tabular inline leaves its first header
// cell and the delete boxes without names; give them names screen readers can read.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const group = document.getElementById("links-group");
  if (!group) return;
  const original = group.querySelector("thead th.original");
  if (original && !original.textContent.trim()) {
    const text = document.createElement("span");
    text.className = "visually-hidden";
    text.textContent = "已保存的条目";
    original.append(text);
  }
  group.querySelectorAll("input[type=checkbox][name$='-DELETE']").forEach((box, i) => {
    if (!box.labels.length && !box.hasAttribute("aria-label")) {
      box.setAttribute("aria-label", `从专题中移除第 ${i + 1} 篇`);
    }
  });
});
