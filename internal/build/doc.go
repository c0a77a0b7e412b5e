// Package build is the only orchestrator of the pipeline: it reads the
// configuration and content, builds the model, renders Markdown and
// templates in parallel, and writes pages, assets, feeds and the sitemap to a
// sink. Every problem of a build is returned together; nothing is committed
// by the caller unless Build succeeded.
package build
