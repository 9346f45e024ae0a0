// plotly.js-locales ships each locale as a CommonJS module (`module.exports = {...}`). This shim gives the
// next script a `module` to fill; charts.js registers what it filled and removes the shim again. It runs
// after plotly.min.js, whose UMD wrapper would otherwise export itself into this object instead of `Plotly`.
window.module = {exports: {}};
