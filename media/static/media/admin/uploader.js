/* Upload one image file to the library, reporting progress. Shared by the upload page
 * and the article editor's 插图 dialog. */
"use strict";

window.MediaUploader = {
  csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  },

  /* Resolves with the server's result for the file ({ok, id, markdown, …} or {ok: false, error}). */
  upload(url, file, onProgress) {
    return new Promise((resolve) => {
      const data = new FormData();
      data.append("files", file, file.name || "粘贴的图片.png");
      const request = new XMLHttpRequest();
      request.open("POST", url);
      request.setRequestHeader("Accept", "application/json");
      request.setRequestHeader("X-CSRFToken", this.csrfToken());
      request.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
      });
      request.addEventListener("load", () => {
        try {
          resolve(JSON.parse(request.responseText).results[0]);
        } catch (error) {
          resolve({ok: false, error: `“${file.name}”未上传：服务器返回 ${request.status}。`});
        }
      });
      request.addEventListener("error", () => {
        resolve({ok: false, error: `“${file.name}”未上传：网络中断。`});
      });
      request.send(data);
    });
  },

  /* The image files among a drop's or a paste's items. */
  filesFrom(transfer) {
    return Array.from((transfer && transfer.files) || []).filter((file) => file.type.startsWith("image/") || file.type === "");
  },
};
