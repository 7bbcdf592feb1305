/* The library's upload page: drag and drop, paste, or choose several files; one progress
 * bar per file; each result links to the image to fill in its alt text. */
"use strict";

(function () {
  function init() {
    const form = document.querySelector("form.media-upload");
    if (!form || form.dataset.popup) return;  // in a field's popup: the plain form, one file
    const zone = form.querySelector(".media-dropzone");
    const input = form.querySelector("input[type=file]");
    const results = form.querySelector(".media-upload__results");

    async function send(files) {
      for (const file of files) {
        const row = document.createElement("li");
        const label = document.createElement("span");
        label.textContent = file.name || "粘贴的图片";
        const bar = document.createElement("progress");
        bar.max = 1;
        bar.value = 0;
        bar.setAttribute("aria-label", `${label.textContent} 上传进度`);
        row.append(label, " ", bar);
        results.append(row);
        const result = await window.MediaUploader.upload(form.dataset.uploadUrl, file, (done) => {
          bar.value = done;
        });
        bar.value = 1;
        const message = document.createElement("span");
        if (result.ok) {
          row.className = "media-upload__ok";
          const link = document.createElement("a");
          link.href = result.edit;
          link.textContent = result.created ? "已上传，填写替代文字 →" : "图库中已有，查看 →";
          message.append(" ", link);
        } else {
          row.className = "media-upload__error";
          message.textContent = ` ${result.error}`;
        }
        row.append(message);
      }
    }

    input.addEventListener("change", () => {
      send(Array.from(input.files));
      input.value = "";
    });
    for (const name of ["dragenter", "dragover"]) {
      zone.addEventListener(name, (event) => {
        event.preventDefault();
        zone.classList.add("media-dropzone--over");
      });
    }
    zone.addEventListener("dragleave", () => zone.classList.remove("media-dropzone--over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("media-dropzone--over");
      send(window.MediaUploader.filesFrom(event.dataTransfer));
    });
    document.addEventListener("paste", (event) => {
      const files = window.MediaUploader.filesFrom(event.clipboardData);
      if (files.length) {
        event.preventDefault();
        send(files);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
