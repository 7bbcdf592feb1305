/* Glossary tooltips: on touch screens the first tap on a term shows its definition and a
   second tap follows the link; Escape hides an open definition. The definitions are readable
   without this script (hover, keyboard focus, or the term's own page). */
(function () {
  "use strict";
  var OPEN = "is-open";
  var DISMISSED = "is-dismissed";
  var touch = window.matchMedia("(hover: none)");

  function each(selector, callback) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), callback);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.term") : null;
    var wrap = link ? link.parentElement : null;
    each(".term-wrap." + OPEN, function (el) {
      if (el !== wrap) el.classList.remove(OPEN);
    });
    if (wrap && touch.matches && !wrap.classList.contains(OPEN)) {
      event.preventDefault();
      wrap.classList.remove(DISMISSED);
      wrap.classList.add(OPEN);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    each(".term-wrap", function (el) {
      if (el.classList.contains(OPEN) || el.matches(":hover, :focus-within")) {
        el.classList.remove(OPEN);
        el.classList.add(DISMISSED);
      }
    });
  });

  function undismiss(event) {
    var wrap = event.target.closest ? event.target.closest(".term-wrap") : null;
    if (wrap) wrap.classList.remove(DISMISSED);
  }
  document.addEventListener("mouseout", undismiss);
  document.addEventListener("focusout", undismiss);
})();

/* Reading progress on long articles, and the phone's own share sheet where there is one
   (the QR code for WeChat stays for desktops). Both are extras: the page reads without. */
(function () {
  "use strict";
  var progress = document.querySelector(".reading-progress");
  var article = document.querySelector(".article .prose");
  if (progress && article && article.offsetHeight > window.innerHeight * 1.5) {
    var bar = progress.querySelector(".reading-progress__bar");
    progress.hidden = false;
    var update = function () {
      var box = article.getBoundingClientRect();
      var total = box.height - window.innerHeight;
      var done = total > 0 ? Math.min(1, Math.max(0, -box.top / total)) : 1;
      bar.style.transform = "scaleX(" + done.toFixed(3) + ")";
    };
    window.addEventListener("scroll", update, {passive: true});
    window.addEventListener("resize", update);
    update();
  }

  var share = document.querySelector(".share[data-share-url]");
  var native = share && share.querySelector(".share__native");
  if (native && navigator.share) {
    native.hidden = false;
    share.classList.add("share--native");
    native.addEventListener("click", function () {
      navigator.share({title: share.dataset.shareTitle, url: share.dataset.shareUrl})
        .catch(function () {});
    });
  }
})();
