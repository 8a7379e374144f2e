//! The HTML report's constant CSS and JS. They never contain data: the rows are rendered as
//! escaped HTML, and the script only sorts, filters and expands those DOM rows. The page's
//! Content-Security-Policy allows exactly these two blocks (by hash) and nothing else.

pub const CSS: &str = r#"
:root { color-scheme: light; --line: #d0d4da; --muted: #5f6670; --head: #f2f4f7; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
  margin: 0 auto; padding: 1.5rem; max-width: 1280px; color: #1d2127; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
p.meta, p.note { color: var(--muted); margin: .25rem 0 .75rem; }
[hidden] { display: none !important; }
.panel { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { background: var(--head); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.sw { display: inline-block; width: .8em; height: .8em; border-radius: 2px;
  margin-right: .4em; vertical-align: -.05em; }
.v-green { background: #2e7d32; fill: #2e7d32; stroke: #2e7d32; }
.v-yellow { background: #e0a800; fill: #e0a800; stroke: #e0a800; }
.v-red { background: #c62828; fill: #c62828; stroke: #c62828; }
.v-failed { background: #37474f; fill: #37474f; stroke: #37474f; }
.v-skipped { background: #9ea4ab; fill: #9ea4ab; stroke: #9ea4ab; }
.neutral { background: #3f6fb5; fill: #3f6fb5; }
svg.chart { font-size: 11px; fill: #1d2127; max-width: 100%; height: auto; }
svg.chart .slice { fill: none; stroke-width: 20; }
svg.chart .donut-hole { fill: none; stroke: var(--head); stroke-width: 20; }
svg.chart .donut-total { font-size: 18px; font-weight: 600; }
.verdict { display: inline-block; padding: 0 .45em; border-radius: 3px; color: #fff;
  font-size: .85em; font-weight: 600; white-space: nowrap; }
.verdict.v-yellow { color: #1d2127; }
.controls { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin: .5rem 0; }
.controls input[type=search] { min-width: 22rem; padding: .3rem .5rem; font: inherit; }
.controls select { padding: .3rem; font: inherit; }
#files { width: 100%; }
#files thead th { cursor: pointer; user-select: none; white-space: nowrap; position: sticky; top: 0; }
#files thead th button { all: inherit; cursor: pointer; padding: 0; border: 0; background: none; }
#files thead th[aria-sort=ascending] button::after { content: " \25B2"; }
#files thead th[aria-sort=descending] button::after { content: " \25BC"; }
#files td.src { word-break: break-all; }
#files tr.detail > td { background: #fafbfc; padding: .5rem 1rem 1rem 2rem; }
#files tr.detail table { width: 100%; font-size: .92em; }
button.toggle { font: inherit; font-size: .85em; padding: .05rem .4rem; margin-left: .5rem; cursor: pointer; }
.error { color: #8e1b1b; white-space: pre-wrap; }
code, .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; }
.links a { margin-right: 1rem; }
ul.plain { margin: 0; padding-left: 1.1rem; }
@media print { .controls, button.toggle { display: none; } #files tr.detail { display: table-row !important; } }
"#;

/// Sorting, filtering and expanding the file table. Each file is one `<tbody>` holding its row
/// and its (hidden) detail row, so both move and hide together. Without JS the detail rows stay
/// visible, which loses nothing.
pub const JS: &str = r#"
(function () {
  'use strict';
  var table = document.getElementById('files');
  if (!table) { return; }
  var bodies = Array.prototype.slice.call(table.tBodies);
  var text = document.getElementById('filter-text');
  var verdict = document.getElementById('filter-verdict');
  var shown = document.getElementById('shown-count');
  document.getElementById('controls').hidden = false;
  document.getElementById('sort-hint').hidden = false;

  bodies.forEach(function (body) {
    var detail = body.querySelector('tr.detail');
    var button = body.querySelector('button.toggle');
    if (!detail || !button) { return; }
    detail.hidden = true;
    button.hidden = false;
    button.addEventListener('click', function () {
      var open = detail.hidden;
      detail.hidden = !open;
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  });

  // Each file's text (row, findings, error), lower-cased once rather than on every keystroke.
  var haystack = new Map();
  bodies.forEach(function (body) { haystack.set(body, body.textContent.toLowerCase()); });

  function apply() {
    var query = text.value.trim().toLowerCase();
    var wanted = verdict.value;
    var count = 0;
    bodies.forEach(function (body) {
      var ok = (!wanted || body.getAttribute('data-verdict') === wanted) &&
        (!query || haystack.get(body).indexOf(query) !== -1);
      body.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = String(count);
  }
  text.addEventListener('input', apply);
  verdict.addEventListener('change', apply);

  var heads = table.tHead.rows[0].cells;
  var current = -1;
  var ascending = true;
  function key(body, column, numeric) {
    var cell = body.rows[0].cells[column];
    var value = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent;
    return numeric ? parseFloat(value) || 0 : value.toLowerCase();
  }
  Array.prototype.forEach.call(heads, function (th, column) {
    th.addEventListener('click', function () {
      ascending = current === column ? !ascending : true;
      current = column;
      var numeric = th.getAttribute('data-type') === 'num';
      bodies.sort(function (a, b) {
        var x = key(a, column, numeric);
        var y = key(b, column, numeric);
        var order = numeric ? x - y : x.localeCompare(y);
        return ascending ? order : -order;
      });
      bodies.forEach(function (body) { table.appendChild(body); });
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    });
  });
  apply();
})();
"#;
