/** Plan renderers: text (Terraform style), JSON (the plan data) and markdown (PR comment). */
export { planTextChunks, renderPlanText, renderResourceChange, summaryLine } from './text.js';
export { renderPlanJson } from './json.js';
export { renderPlanMarkdown, type MarkdownOptions, type PlanTarget } from './markdown.js';
export { planNotes } from './notes.js';
