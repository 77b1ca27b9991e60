// Site behaviour, kept out of the pages so that a Content-Security-Policy
// without 'unsafe-inline' can be enforced.  Everything here is an
// enhancement: the pages read and navigate without it.
(function () {
  "use strict";

  function announce(message) {
    var status = document.getElementById("live-status");
    if (status) {
      status.textContent = "";
      // A fresh text node makes screen readers announce a repeated message.
      window.setTimeout(function () { status.textContent = message; }, 30);
    }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Office desktops often reach the site over plain http, where the
    // Clipboard API is unavailable: fall back to a selected textarea.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "visually-hidden";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function setUpCopyButtons() {
    var buttons = document.querySelectorAll("button.copy-cite[data-citation]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var citation = button.getAttribute("data-citation");
        var original = button.textContent;
        copyText(citation).then(function () {
          button.textContent = "已复制";
          button.setAttribute("data-copied", citation);
          announce("已复制引用：" + citation);
        }, function () {
          window.prompt("请复制以下引用：", citation);
        }).then(function () {
          window.setTimeout(function () { button.textContent = original; }, 2000);
        });
      });
    });
  }

  // The search page's facets: a side column on wide screens, open there; a
  // closed "筛选" panel above the results on narrow ones.  The breakpoint is
  // the one in site.css where .search-layout gets its side column.
  function setUpFacetPanel() {
    var panel = document.querySelector("details.facet-panel");
    if (!panel || !window.matchMedia) { return; }
    var wide = window.matchMedia("(min-width: 1024px)");
    function follow() { panel.open = wide.matches; }
    follow();
    if (wide.addEventListener) { wide.addEventListener("change", follow); }
  }

  function setUp() {
    setUpCopyButtons();
    setUpFacetPanel();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();

// 政策匹配: the "print summary" button (no inline handlers under the CSP).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) { window.print(); }
  });
})();
