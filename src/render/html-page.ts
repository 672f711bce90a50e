/** The shell of kickoff's self-contained web pages (the kick-off pack, the programme): no network. */
import { escapeXml as esc } from './gantt.js';

export function htmlPage(title: string, style: string, parts: readonly string[]): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${style}
</style>
</head>
<body>
${parts.filter(Boolean).join('\n')}
</body>
</html>
`;
}
