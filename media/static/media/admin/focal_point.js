/* The image change form: click the preview to set the focal point (焦点) fields. */
"use strict";

(function () {
  function init() {
    const frame = document.querySelector(".media-focal");
    const x = document.getElementById("id_focal_x");
    const y = document.getElementById("id_focal_y");
    if (!frame || !x || !y) return;
    const picture = frame.querySelector("img");
    const mark = frame.querySelector(".media-focal__mark");

    function show() {
      mark.hidden = false;
      mark.style.left = `${Number(x.value) * 100}%`;
      mark.style.top = `${Number(y.value) * 100}%`;
    }

    picture.addEventListener("click", (event) => {
      const box = picture.getBoundingClientRect();
      x.value = ((event.clientX - box.left) / box.width).toFixed(3);
      y.value = ((event.clientY - box.top) / box.height).toFixed(3);
      show();
    });
    x.addEventListener("input", show);
    y.addEventListener("input", show);
    show();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
