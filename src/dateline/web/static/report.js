// Report page: switch highlight layers on and off.
"use strict";
(function () {
  const text = document.getElementById("report-text");
  if (!text) return;
  document.querySelectorAll("form.layers input[data-layer]").forEach((box) => {
    box.addEventListener("change", () => {
      text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });
})();
