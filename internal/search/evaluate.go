package search

import (
	"math"
	"slices"
)

// Evaluating a query: the boolean query that bleve would run for it (a
// disjunction of the query's words, its document numbers, phrases and
// filters required, exact spellings and neighbouring words as a bonus),
// scored as bleve scores it (TF-IDF, coordination, query norm), but a term
// at a time: each term's postings are read once, straight into one array
// entry per document. Bleve's searchers visit the same postings a document
// at a time through a heap of iterators, a pooled match per posting and a
// byte comparison of ids per step; on a large site, where a query matches
// most documents, that machinery cost about twice the postings themselves.
// TestEvaluateAgreesWithBleve holds the two to the same answers. The
// plan's items (items.go) are the exception: their clauses find documents
// and weigh nothing, which bleve's scoring cannot say (a boost of 0 alone
// makes its query norm infinite), so the reference leaves them out and
// its documents hold none.

// clause is a term a query looks for in one field, with its weight.
type clause struct {
	field, term string
	boost       float64
}

// clauses is a query as bleve's boolean query sees it.
type clauses struct {
	free   []clause // the query's words: a document needs need of them
	need   int
	must   []clause // each required: all of free when every is, numbers, phrases' pairs, filters
	should []clause // scored where present: exact spellings, neighbouring words
	items  []clause // the plan's items asked for: a document needs one of them ("V.1.3 và V.1.4")
}

// numberContext is the number of the query's words beside which a
// document number ranks rather than filters: "Chỉ thị 28" asks for the
// documents that cite it, but "Ban Tổ chức phải làm gì theo Kế hoạch thực
// hiện Nghị quyết 21" asks about Ban Tổ chức, in a plan whose every section
// serves Nghị quyết 21 though few cite it.
const numberContext = 3

// clauses turns a parsed query and its filters into clauses. A document
// needs the query's words that are not optional: all of them for one or
// two words, three in four for more; one of the plan's items it asks for;
// its document numbers, unless it has numberContext words or more or an
// item, which the numbers then only qualify ("IV.3.2 NQ 21"); and its
// number ranges side by side. It never needs a function word ("gì",
// "những") when the query asks for anything else. With every=false it
// needs only one word (the fallback when no document has enough).
func (p parsed) clauses(kind, agency string, every bool) clauses {
	var c clauses
	content := len(p.phrases) > 0 || len(p.numbers) > 0 || slices.ContainsFunc(p.words, func(w word) bool { return !w.function })
	// A document needs the query's rare words, not its common ones, unless
	// the rare ones are fewer than a third of the common: then the query is
	// about its common words ("Ban Tổ chức Tỉnh ủy phải làm những gì theo
	// Kế hoạch …", whose subject is in every other document and whose only
	// rare word is "theo"), and it needs most of them all.
	rare, common := 0, 0
	for _, w := range p.words {
		switch {
		case w.function:
		case w.optional:
			common++
		default:
			rare++
		}
	}
	required := rare > 0 && rare*3 >= common
	var free []clause
	for _, w := range p.words {
		if w.optional && required || w.function && content {
			continue // it counts through the neighbouring words below and the ranking
		}
		free = append(free, clause{"all", w.Folded, boostAll})
		if e := w.exact(); e != "" {
			c.should = append(c.should, clause{"all", e, boostExact})
		}
	}
	switch {
	case len(free) <= 2 && every:
		c.must = append(c.must, free...)
	case len(free) > 0:
		c.free, c.need = free, 1
		if every {
			c.need = int(math.Ceil(mostWords * float64(len(free))))
		}
	}
	context := len(free) >= numberContext
	for _, n := range p.numbers {
		switch {
		case isItemTerm(n) && context:
			// as context it would weigh nothing, and count in coord: ranking has it (isItem)
		case isItemTerm(n):
			c.items = append(c.items, clause{"item", n, 0}) // finds the item, weighs nothing: ranking tells the item itself (isItem)
		case context || slices.ContainsFunc(p.numbers, isItemTerm):
			c.should = append(c.should, clause{"num", n, 1}) // context, not a filter
		default:
			c.must = append(c.must, clause{"num", n, 1})
		}
	}
	for _, ph := range p.phrases {
		if len(ph) == 1 {
			c.must = append(c.must, clause{"all", ph[0].Folded, boostAll})
			continue
		}
		for i := 1; i < len(ph); i++ {
			c.must = append(c.must, clause{"pairs", pair(ph[i-1].Folded, ph[i].Folded), boostPhrase})
		}
	}
	for _, r := range p.ranges {
		c.must = append(c.must, clause{"pairs", pair(r[0], r[1]), boostPhrase})
	}
	for i := 1; i < len(p.words); i++ {
		c.should = append(c.should, clause{"pairs", pair(p.words[i-1].Folded, p.words[i].Folded), boostPair})
	}
	if kind != "" {
		c.must = append(c.must, clause{"kind", kind, 1})
	}
	if agency != "" {
		c.must = append(c.must, clause{"agency", agency, 1})
	}
	return c
}

// tally is what the clauses of one group found in one document.
type tally struct {
	score float64
	hits  uint16
}

// accumulators are a search's tallies, one per document number of the
// snapshot, kept between searches (snapshots.scratch).
type accumulators struct {
	free, must, should, items []tally
}

func (a *accumulators) reset(n int) {
	for _, g := range []*[]tally{&a.free, &a.must, &a.should, &a.items} {
		if cap(*g) < n {
			*g = make([]tally, n)
			continue
		}
		*g = (*g)[:n]
		clear(*g)
	}
}

// evaluate finds the documents that answer cs in the snapshot snap and
// keeps the size best.
func (x *Index) evaluate(snap *snapshot, cs clauses, size int) (*collected, error) {
	t := snap.table
	if len(cs.must) == 0 && cs.need == 0 && len(cs.items) == 0 {
		return newCollected(t, size), nil // asks for nothing (parse leaves no such query)
	}
	docs, err := snap.reader.DocCount()
	if err != nil {
		return nil, err
	}
	type weighed struct {
		list       *postingList
		idf, boost float64
	}
	var lists [4][]weighed // free, must, should, items
	var squares float64    // of the clauses' weights, for bleve's query norm
	for g, group := range [4][]clause{cs.free, cs.must, cs.should, cs.items} {
		for _, c := range group {
			l, err := snap.postings(c.field, c.term)
			if err != nil {
				return nil, err
			}
			idf := l.idf(docs)
			lists[g] = append(lists[g], weighed{l, idf, c.boost})
			squares += (c.boost * idf) * (c.boost * idf)
		}
	}
	queryNorm := 1.0
	if squares > 0 { // not when only items are asked for, which weigh nothing
		queryNorm = 1 / math.Sqrt(squares)
	}

	acc, _ := x.snaps.scratch.Get().(*accumulators)
	if acc == nil {
		acc = &accumulators{}
	}
	defer x.snaps.scratch.Put(acc)
	acc.reset(len(t.rec))
	for g, tallies := range [4][]tally{acc.free, acc.must, acc.should, acc.items} {
		for _, w := range lists[g] {
			w.list.addTo(tallies, w.idf, w.boost*w.idf*queryNorm)
		}
	}

	col := newCollected(t, size)
	for n := range t.rec {
		f, m, s := acc.free[n], acc.must[n], acc.should[n]
		if int(m.hits) != len(cs.must) || int(f.hits) < cs.need || len(cs.items) > 0 && acc.items[n].hits == 0 {
			continue
		}
		score := m.score
		if len(cs.free) > 0 {
			score = f.score*coord(f.hits, len(cs.free)) + score
		}
		if s.hits > 0 {
			score += s.score * coord(s.hits, len(cs.should))
		}
		if err := col.add(uint64(n), score); err != nil {
			return nil, err
		}
	}
	return col, nil
}

// coord scales a disjunction's score by the share of its clauses matched.
func coord(hits uint16, clauses int) float64 { return float64(hits) / float64(clauses) }
