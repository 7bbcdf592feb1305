/* The article editor's 插图 dialog: search the library or upload, then insert
 * `![alt](media:42 "caption")` on its own paragraph. Dropping or pasting an image into the
 * body uploads it and inserts it the same way. Needs uploader.js. */
"use strict";

window.MediaPicker = (function () {
  function insert(area, markdown) {
    const {selectionStart: start, selectionEnd: end, value} = area;
    const before = value.slice(0, start).replace(/\n*$/, "");
    const after = value.slice(end).replace(/^\n*/, "");
    const text = `${before ? "\n\n" : ""}${markdown}${after ? "\n\n" : "\n"}`;
    area.setRangeText(text, before.length, value.length - after.length, "end");
    area.dispatchEvent(new Event("input", {bubbles: true}));
    area.focus();
  }

  async function uploadInto(area, files, status) {
    for (const file of files) {
      status.textContent = `正在上传“${file.name || "粘贴的图片"}”…`;
      const result = await window.MediaUploader.upload(area.dataset.uploadUrl, file, (done) => {
        status.textContent = `正在上传“${file.name || "粘贴的图片"}”… ${Math.round(done * 100)}%`;
      });
      if (!result.ok) {
        status.textContent = result.error;
        return false;
      }
      insert(area, result.markdown);
      status.textContent = result.alt ? "已插入。" : `已插入 #${result.id}；发布前请在 ![] 中写替代文字，或到图库填写。`;
    }
    return true;
  }

  function button(label) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button";
    element.textContent = label;
    return element;
  }

  function buildDialog(area) {
    const dialog = document.createElement("dialog");
    dialog.className = "media-picker";
    dialog.setAttribute("aria-label", "插入图片");
    const heading = document.createElement("h2");
    heading.textContent = "插入图片";
    const search = document.createElement("input");
    search.type = "search";
    search.placeholder = "搜索替代文字或图注";
    search.setAttribute("aria-label", "搜索图库");
    const upload = document.createElement("input");
    upload.type = "file";
    upload.accept = "image/jpeg,image/png,image/webp,image/gif";
    upload.multiple = true;
    upload.className = "media-picker__upload";
    upload.setAttribute("aria-label", "上传新图片");
    const status = document.createElement("p");
    status.className = "media-picker__status";
    status.setAttribute("role", "status");
    const grid = document.createElement("ul");
    grid.className = "media-picker__grid";
    const close = button("关闭");
    close.addEventListener("click", () => dialog.close());
    dialog.append(heading, search, upload, status, grid, close);

    async function load() {
      const url = new URL(area.dataset.pickerUrl, window.location.href);
      if (search.value.trim()) url.searchParams.set("q", search.value.trim());
      const response = await fetch(url, {credentials: "same-origin"});
      const {images} = await response.json();
      grid.replaceChildren();
      for (const image of images) {
        const item = document.createElement("li");
        const choose = document.createElement("button");
        choose.type = "button";
        choose.className = "media-picker__choice";
        choose.title = `#${image.id} ${image.alt || "（未填替代文字）"}`;
        const thumb = document.createElement("img");
        thumb.src = image.thumb;
        thumb.alt = image.alt || `图片 #${image.id}`;
        choose.append(thumb);
        choose.addEventListener("click", () => {
          insert(area, image.markdown);
          dialog.close();
        });
        item.append(choose);
        grid.append(item);
      }
      if (!images.length) status.textContent = "图库中没有找到图片。";
    }
    let timer = null;
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(load, 300);
    });
    upload.addEventListener("change", async () => {
      const files = Array.from(upload.files);
      upload.value = "";
      if (await uploadInto(area, files, status)) dialog.close();
    });
    dialog.load = load;
    document.body.append(dialog);
    return dialog;
  }

  function open(area) {
    area.mediaDialog = area.mediaDialog || buildDialog(area);
    area.mediaDialog.showModal();
    area.mediaDialog.load();
  }

  /* Dropping or pasting image files into the body uploads and inserts them. */
  function acceptFiles(area, status) {
    function take(event, transfer) {
      const files = window.MediaUploader.filesFrom(transfer);
      if (!files.length) return;
      event.preventDefault();
      uploadInto(area, files, status);
    }
    area.addEventListener("dragover", (event) => {
      if (Array.from(event.dataTransfer.types).includes("Files")) event.preventDefault();
    });
    area.addEventListener("drop", (event) => take(event, event.dataTransfer));
    area.addEventListener("paste", (event) => take(event, event.clipboardData));
  }

  return {open, acceptFiles};
})();
