// report.html: the report model as one self-contained page. Styles and script are inline, charts
// are data: URIs, and a Content-Security-Policy forbids loading anything, so the page works
// offline and never touches the network.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, htmlTable } from './format.js';
import type { Block } from './report-model.js';

const CSS = `
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.6rem;border-bottom:2px solid #0072B2;padding-bottom:.3rem}
h2{font-size:1.25rem;margin-top:2rem;color:#0b3d5c}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem;width:100%}
th,td{border:1px solid #d0d7de;padding:.3rem .55rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f3f6f9;cursor:pointer;user-select:none;overflow-wrap:normal;word-break:normal}
tbody tr:nth-child(even){background:#fafbfc}
td:nth-child(n+2){font-variant-numeric:tabular-nums}
.warn{background:#fff4e5;border-left:4px solid #D55E00;padding:.5rem .8rem}
figure{margin:1rem 0}figure img{max-width:100%;border:1px solid #d0d7de}
figcaption{font-size:.85rem;color:#555}
input.filter{margin:.3rem 0;padding:.3rem;width:20rem}
`;

// Sort any table by clicking a header; filter the all-metrics table. No network, no libraries.
const JS = `
document.querySelectorAll('table').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){th.addEventListener('click',function(){
    var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
    var num=function(s){var v=parseFloat(s.replace(/[^0-9.eE+-]/g,''));return isNaN(v)?null:v};
    rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent,nx=num(x),ny=num(y);
      var c=(nx!==null&&ny!==null)?nx-ny:x.localeCompare(y);return asc?c:-c});
    rows.forEach(function(r){body.appendChild(r)});});});});
var f=document.getElementById('metrics-filter');
if(f){f.addEventListener('input',function(){var q=f.value.toLowerCase();
  document.querySelectorAll('#table-metrics tbody tr').forEach(function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':''});});}
`;

function image(dir: string, file: string, title: string): string {
  let src: string;
  try {
    src = `data:image/png;base64,${readFileSync(join(dir, file)).toString('base64')}`;
  } catch {
    return `<p class="warn">chart ${escapeHtml(file)} is missing</p>`;
  }
  return `<figure><img alt="${escapeHtml(title)}" src="${src}"><figcaption>${escapeHtml(title)}</figcaption></figure>`;
}

/** `dir` is where the report lives: chart files named by image blocks are read from it. */
export function renderHtml(blocks: readonly Block[], dir: string): string {
  const title = blocks.find((b) => b.kind === 'h1');
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case 'h1':
          return `<h1>${escapeHtml(b.text)}</h1>`;
        case 'h2':
          return `<h2>${escapeHtml(b.text)}</h2>`;
        case 'p':
          return `<p>${escapeHtml(b.text)}</p>`;
        case 'warn':
          return `<p class="warn">${escapeHtml(b.text)}</p>`;
        case 'table': {
          const filter = b.id === 'metrics' ? '<input id="metrics-filter" class="filter" placeholder="filter metrics…" aria-label="filter metrics">' : '';
          return `${filter}${htmlTable(b.header, b.rows).replace('<table>', `<table id="table-${escapeHtml(b.id)}">`)}`;
        }
        case 'image':
          return image(dir, b.file, b.title);
      }
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title && title.kind === 'h1' ? title.text : 'raa-bench report')}</title>
<style>${CSS}</style></head>
<body>
${body}
<script>${JS}</script>
</body></html>
`;
}
