package search

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"
)

// isKind reports whether kind is a kind of document that a site has
// (Document.Kind).
func isKind(kind string) bool {
	switch kind {
	case "plan", "guidance", "task", "agency", "update", "page":
		return true
	}
	return false
}

// Request is a search.
type Request struct {
	Query  string
	Kind   string // only documents of this kind, when set
	Agency string // only documents of this agency, when set
	Limit  int    // at most this many hits (default 10, at most 100)
}

// Response is the answer to a Request; its JSON is the API's.
type Response struct {
	Query  string           `json:"query"`
	Total  int              `json:"total"`
	TookMS float64          `json:"took_ms"`
	Hits   []Hit            `json:"hits"`
	Facets map[string]Facet `json:"facets"`

	// Approximate are the query's words, as typed, that the hits hold only
	// in another spelling or corrected; Missing those they do not hold at
	// all (spellingNotes).
	Approximate []string `json:"approximate,omitempty"`
	Missing     []string `json:"missing,omitempty"`
}

// Hit is one result.
type Hit struct {
	URL  string `json:"url"`  // the document's address
	Link string `json:"link"` // where the result leads: URL, or the bullet its snippet quotes

	Title   string   `json:"title"`
	Section string   `json:"section"`
	Kind    string   `json:"kind"`
	Agency  []string `json:"agency"`
	Snippet string   `json:"snippet"`        // HTML: escaped text with <mark> around matches
	Note    string   `json:"note,omitempty"` // plain text (Document.Note)
	Score   float64  `json:"score"`
}

// Facet counts the hits per value of a field.
type Facet []FacetCount

// FacetCount is one value of a facet.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// ErrBadQuery marks a query that cannot be answered as asked.
var ErrBadQuery = errors.New("bad query")

const (
	defaultLimit = 10
	maxLimit     = 100
)

// Search answers r.
func (x *Index) Search(r Request) (*Response, error) {
	start := time.Now()
	if len(r.Query) > MaxQueryBytes {
		return nil, fmt.Errorf("%w: the query is longer than %d bytes", ErrBadQuery, MaxQueryBytes)
	}
	limit := cmp.Or(r.Limit, defaultLimit)
	if limit < 0 || limit > maxLimit {
		return nil, fmt.Errorf("%w: limit must be between 1 and %d", ErrBadQuery, maxLimit)
	}
	if r.Kind != "" && !isKind(r.Kind) {
		return nil, fmt.Errorf("%w: unknown kind %q (want plan, guidance, task, agency, update or page)", ErrBadQuery, r.Kind)
	}
	p := parse(r.Query)
	snap, err := x.reader()
	if err != nil {
		return nil, fmt.Errorf("searching: %w", err)
	}
	defer snap.Close()
	p.words = correct(snap, p.words)
	resp := &Response{Query: r.Query, Hits: []Hit{}, Facets: map[string]Facet{"kind": {}, "agency": {}}}
	if p.empty() {
		resp.TookMS = ms(time.Since(start))
		return resp, nil
	}
	s, err := x.snaps.of(snap)
	if err != nil {
		return nil, fmt.Errorf("searching: %w", err)
	}
	if r.Agency != "" && !slices.Contains(s.table.agencyNames, r.Agency) {
		return nil, fmt.Errorf("%w: unknown agency %q (want the slug of one, such as ban-to-chuc)", ErrBadQuery, r.Agency)
	}
	res, err := x.run(s, p, r, limit, true)
	if err == nil && res.total == 0 && len(p.ranges) > 0 {
		p.ranges = nil // no document has the range: its numbers, anywhere
		res, err = x.run(s, p, r, limit, true)
	}
	if err == nil && res.total == 0 && len(p.words) > 1 {
		res, err = x.run(s, p, r, limit, false)
	}
	if err != nil {
		return nil, fmt.Errorf("searching: %w", err)
	}
	cands, err := x.candidates(res.hits())
	if err != nil {
		return nil, fmt.Errorf("searching: %w", err)
	}
	resp.Total = res.total
	var shown []candidate
	resp.Hits, shown = hits(p.rerank(cands), p, limit, &resp.Total)
	resp.Approximate, resp.Missing = p.spellingNotes(shown, s.holding(shown))
	resp.Facets = res.facets()
	resp.TookMS = ms(time.Since(start))
	return resp, nil
}

// run finds the matches of p in the snapshot s, keeping the best.
func (x *Index) run(s *snapshot, p parsed, r Request, limit int, every bool) (*collected, error) {
	size := max(limit, rerankDepth)
	if len(p.phrases) > 0 {
		size = max(size, min(4*limit, maxLimit)) // some candidates fail the phrase check
	}
	return x.evaluate(s, p.clauses(r.Kind, r.Agency, every), size)
}

// candidates reads the records of the matches.
func (x *Index) candidates(matches []scored) ([]candidate, error) {
	cands := make([]candidate, len(matches))
	for i, m := range matches {
		rec, err := x.store.record(m.rec)
		if err != nil {
			return nil, err
		}
		cands[i] = candidate{rec: rec, n: m.rec, score: m.score}
	}
	return cands, nil
}

// hits turns candidates into results with snippets, dropping those that do
// not hold a quoted phrase in order; and returns the candidates shown.
func hits(cands []candidate, p parsed, limit int, total *int) ([]Hit, []candidate) {
	hits := make([]Hit, 0, min(limit, len(cands)))
	var shown []candidate
	marks := p.marks()
	for _, c := range cands {
		r := c.rec
		if len(p.phrases) > 0 && !p.phrasesIn(r.FTitle+"\n"+r.FSection+"\n"+r.FText) {
			*total--
			continue
		}
		if len(hits) == limit {
			continue
		}
		snip, at := snippet(r.Text, r.FText, r.EText, marks, placeStarts(r.Places), p.focus(r))
		hits = append(hits, Hit{
			URL: r.URL, Link: link(r.URL, r.Places, at), Title: r.Title, Section: r.Section, Kind: r.Kind,
			Agency: r.Agencies, Snippet: snip, Note: r.Note, Score: c.score,
		})
		shown = append(shown, c)
	}
	return hits, shown
}

// holding is spellingNotes' view of the index: the records of shown that
// hold a term in the field of words.
func (s *snapshot) holding(shown []candidate) func(term string) map[int]bool {
	recs := map[int]bool{}
	for _, c := range shown {
		recs[c.n] = true
	}
	return func(term string) map[int]bool {
		out := map[int]bool{}
		l, err := s.postings("all", term)
		if err != nil {
			return out // as if none held it: the notes are advice
		}
		for _, n := range l.docs {
			if r := int(s.table.rec[n]); recs[r] {
				out[r] = true
			}
		}
		return out
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
