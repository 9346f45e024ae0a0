// Draws every plotly figure embedded as JSON (json_script) in an element with data-figure="<script id>".
// One static script, no inline code, so the Content-Security-Policy can stay strict.
document.addEventListener("DOMContentLoaded", () => {
  for (const target of document.querySelectorAll("[data-figure]")) {
    const source = document.getElementById(target.dataset.figure);
    if (!source || typeof Plotly === "undefined") continue;
    const figure = JSON.parse(JSON.parse(source.textContent));
    Plotly.newPlot(target, figure.data, figure.layout, {responsive: true, displaylogo: false});
    target.setAttribute("data-drawn", "true");
  }
});
