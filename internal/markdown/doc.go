// Package markdown renders content bodies to HTML with one goldmark instance
// per build: CommonMark with GFM tables, strikethrough, autolinks and task
// lists, footnotes, chroma highlighting with CSS classes, Vietnamese-folded
// heading ids, the plan's numbered anchors (#iv-1-3), links to other content
// files rewritten to page addresses, and raw HTML escaped unless allowed.
package markdown
