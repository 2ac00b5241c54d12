// report.md: the report model as GitHub-flavoured markdown (charts linked as relative images).

import { markdownTable } from './format.js';
import type { Block } from './report-model.js';

export function renderMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'h1':
        out.push(`# ${b.text}`, '');
        break;
      case 'h2':
        out.push(`## ${b.text}`, '');
        break;
      case 'p':
        out.push(b.text, '');
        break;
      case 'warn':
        out.push(`> **Warning:** ${b.text}`, '');
        break;
      case 'table':
        out.push(markdownTable(b.header, b.rows), '');
        break;
      case 'image':
        out.push(`![${b.title}](${b.file})`, '');
        break;
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
