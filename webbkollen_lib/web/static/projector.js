// The projector's answer count, kept up to date while answers arrive: asks /api/status every
// three seconds and changes only the number, so the page never reloads under the trainer.
// Without JavaScript the page works the same; reload it to see a new count.
(function () {
  var count = document.getElementById("antal");
  if (!count) { return; }
  var vignette = count.getAttribute("data-vinjett");
  var template = count.getAttribute("data-mall");
  function update() {
    fetch("/api/status", { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) { return; }
        state.vignettes.forEach(function (v) {
          if (v.vinjett === vignette) { count.textContent = template.replace("{n}", v.answers); }
        });
      })
      .catch(function () {});
  }
  window.setInterval(update, 3000);
})();
