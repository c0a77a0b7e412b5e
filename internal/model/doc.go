// Package model turns content files into the plan's typed model: the plan's
// parts, guidance, agencies, tasks with structured deadlines, and updates.
//
// Load checks every cross-reference it can see (agencies, task ids, plan
// pages) and reports each problem at the file and line that caused it; all
// problems of a site are returned together. Anchors inside rendered pages are
// checked later, by the build, once the Markdown has been rendered.
package model
