// Package sitegen writes large, deterministic, synthetic content trees for
// kehoach benchmarks and tests.
//
// The tree follows the content model of the project (see the README, "Content"):
// a home page, the plan cover and one plan part, about thirty agencies, and
// a configurable number of pages split between tasks (60%), guidance (2%)
// and updates (the rest). Page bodies are Markdown of about 3.8 KB whose
// sentences are sampled from a corpus, normally the plan's own text, with a
// pseudo-random generator seeded from Options.Seed, so that one set of
// Options always yields the same bytes.
//
// Generate is the entry point; the gensite command wraps it.
package sitegen
