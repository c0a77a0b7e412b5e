// Package search indexes the site for Vietnamese readers and answers their
// queries, with a prebuilt bleve index written beside the pages.
//
// Analysis has one source of truth, vntext.SearchWord: every word is indexed
// twice at the same position, as its exact form (tone mark in a fixed place,
// so "uỷ" and "ủy" are one term) and as its folded form ("dang"), so that a
// query without diacritics matches and a query with them ranks the exact
// spelling first. Pairs of neighbouring folded words are indexed as bigrams,
// which ranks sections where a query's words stand together above sections
// where they are scattered, and answers quoted phrases without positional
// queries. Document numbers ("21-NQ/TW", "Chỉ thị 28", "HD 35") and the
// plan's abbreviations (UBKT, BTV, HĐND, UBND, MTTQ) get fields of their own.
//
// bleve resolves analyzers by name from a process-wide registry; this
// package registers its own once, before it creates or opens an index.
package search
