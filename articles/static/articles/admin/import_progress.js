// The import job page while a background task runs: asks for its progress every second,
// shows it, and reloads the page when the task has moved on (report, result or error).
(function () {
  "use strict";
  const box = document.querySelector(".import-progress");
  if (!box) return;
  const text = box.querySelector(".import-progress-text");
  const bar = box.querySelector("progress");

  function show(data) {
    if (data.state !== box.dataset.state) {
      window.location.reload();
      return false;
    }
    if (data.total) {
      bar.max = data.total;
      bar.value = data.done;
      text.textContent = data.label + "：" + data.phase + " " + data.done + " / " + data.total;
    }
    return true;
  }

  function poll() {
    fetch(box.dataset.progressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((data) => { if (show(data)) window.setTimeout(poll, 1000); })
      .catch(() => window.setTimeout(poll, 3000));
  }

  window.setTimeout(poll, 500);
})();
