// Names the text box inside each select2 autocomplete after its field's label, so an
// empty choice (no cover, no portrait yet) is still announced by screen readers.
"use strict";
window.addEventListener("load", () => {
  for (const rendered of document.querySelectorAll(".select2-selection__rendered[id^='select2-']")) {
    const fieldId = rendered.id.replace(/^select2-/, "").replace(/-container$/, "");
    const label = document.querySelector(`label[for="${fieldId}"]`);
    if (label && !rendered.hasAttribute("aria-label")) {
      rendered.setAttribute("aria-label", label.textContent.replace(/[:：]\s*$/, "").trim());
    }
  }
});
