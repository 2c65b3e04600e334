// The announcement progress page: the counts move while messages go out.
// Without this script the page's "Refresh" link does the same.
(function () {
  var box = document.getElementById("progress");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-progress");
  var status = document.getElementById("progress-status");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p) return;
        ["sent", "not_sent", "left"].forEach(function (k) {
          document.getElementById(k).textContent = String(p[k]);
        });
        if (p.left > 0) {
          setTimeout(poll, 1000);
        } else {
          status.textContent = status.getAttribute("data-done");
        }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 500);
})();
