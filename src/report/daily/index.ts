/** Renderers of the daily answer: the terminal screen, Markdown, one self-contained HTML file, JSON. */
export { renderDailyText, type DailyTextOptions } from './text.js';
export { renderDailyMarkdown, type DailyMarkdownOptions } from './markdown.js';
export { renderDailyHtml, DAILY_HTML_CSP, type DailyHtmlOptions } from './html.js';
export {
  renderDailyJson,
  renderDailyJsonChunks,
  dailyJsonSchema,
  dailyFindingJsonSchema,
  resolvedFindingJsonSchema,
  type DailyJson,
} from './json.js';
export type { DailyReportFiles } from './common.js';
