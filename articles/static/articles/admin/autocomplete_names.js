// Names the text box inside each select2 autocomplete after its field's label (or, in a
// table row with no label of its own, the select's aria-label), so an empty choice (no
// cover, no portrait yet) is still announced by screen readers. select2 may build its
// boxes after the page has loaded, and inline rows add more: new ones are named as they
// appear.
"use strict";
(function () {
  function name(rendered) {
    if (rendered.hasAttribute("aria-label")) return;
    const fieldId = rendered.id.replace(/^select2-/, "").replace(/-container$/, "");
    const label = document.querySelector(`label[for="${fieldId}"]`);
    const select = document.getElementById(fieldId);
    const text = label ? label.textContent.replace(/[:：]\s*$/, "").trim() : select && select.getAttribute("aria-label");
    if (text) rendered.setAttribute("aria-label", text);
  }

  function nameAll() {
    document.querySelectorAll(".select2-selection__rendered[id^='select2-']").forEach(name);
  }

  document.addEventListener("DOMContentLoaded", () => {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, {childList: true, subtree: true});
  });
})();
