/* Keeps the article's "also open by" notice current: a heartbeat to the server every
   data-heartbeat seconds, and a goodbye when the page is left. */
document.addEventListener("DOMContentLoaded", () => {
  "use strict";
  const notice = document.getElementById("presence-notice");
  const token = document.querySelector("[name=csrfmiddlewaretoken]");
  if (!notice || !token) return;
  const url = notice.dataset.url;

  function payload(leave) {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token.value);
    if (leave) data.append("leave", "1");
    return data;
  }

  async function beat() {
    try {
      const response = await fetch(url, { method: "POST", body: payload(false), credentials: "same-origin" });
      if (!response.ok) return;
      const answer = await response.json();
      notice.innerHTML = answer.html;
      notice.hidden = answer.others === 0;
    } catch (error) {
      // Offline for a moment: the next beat tries again.
    }
  }

  setInterval(beat, Number(notice.dataset.heartbeat) * 1000);
  window.addEventListener("pagehide", () => navigator.sendBeacon(url, payload(true)));
  window.addEventListener("pageshow", (event) => { if (event.persisted) beat(); });
});
