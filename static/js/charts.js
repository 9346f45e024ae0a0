// Draws every plotly figure embedded as JSON (json_script) in an element with data-figure="<script id>".
// One static script, no inline code, so the Content-Security-Policy can stay strict.
// The page's language (<html lang>) picks plotly's locale: German month names, toolbar and number separators
// ("1.234,5") from plotly.js-locales, served locally and loaded through plotly-locale-shim.js.
function chartLocale() {
  const loaded = window.module && window.module.exports;
  if (typeof Plotly !== "undefined" && loaded && loaded.moduleType === "locale") {
    Plotly.register(loaded);
  }
  delete window.module;
  const language = (document.documentElement.lang || "en").slice(0, 2);
  return language === "en" ? "en" : language;
}

document.addEventListener("DOMContentLoaded", () => {
  const locale = chartLocale();
  for (const target of document.querySelectorAll("[data-figure]")) {
    const source = document.getElementById(target.dataset.figure);
    if (!source || typeof Plotly === "undefined") continue;
    const figure = JSON.parse(JSON.parse(source.textContent));
    Plotly.newPlot(target, figure.data, figure.layout, {responsive: true, displaylogo: false, locale: locale});
    target.setAttribute("data-drawn", "true");
  }
});

// Printing from the browser: a chart drawn at the screen's width would be cut at the page's edge. Before
// printing, every chart is laid out at the printable width of A4 (180 mm ≈ 680 CSS px); afterwards it
// follows its box again.
const PRINT_WIDTH = 680;
window.addEventListener("beforeprint", () => {
  if (typeof Plotly === "undefined") return;
  for (const target of document.querySelectorAll("[data-drawn=true]")) {
    if (target.offsetWidth > PRINT_WIDTH) Plotly.relayout(target, {width: PRINT_WIDTH, autosize: false});
  }
});
window.addEventListener("afterprint", () => {
  if (typeof Plotly === "undefined") return;
  for (const target of document.querySelectorAll("[data-drawn=true]")) {
    Plotly.relayout(target, {width: null, autosize: true});
  }
});
