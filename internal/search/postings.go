package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bscorer "github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Posting lists: a term's list is read from the segments of a snapshot of
// the index the first time a search asks for it, into two arrays, and kept
// for the searches that follow while the snapshot lasts (all the life of
// an index opened read-only), up to maxHeldBytes. Read from zap into the
// arrays, a posting costs about 24 ns (varints, a bitmap iterator,
// interface calls); added up from the arrays, one (BenchmarkPostings).
// Vietnamese has few syllables, so a server soon holds the lists that its
// queries need.

// maxHeldBytes bounds the memory of the lists kept per snapshot: 12 bytes
// a posting, plus the key and the map entry. Lists of terms the index does
// not have are not kept: anyone can ask for those. The 10,000-page
// generated site's index has 8.9 million postings in its word and pair
// fields, of which Warm reads the 2,953 most common lists (8.4 million
// postings, the whole of warmBytes) in about 0.4 s.
const (
	maxHeldBytes  = 128 << 20
	heldEntryCost = 96 // a map entry, a list header and two slice headers
)

// Warm reads ahead the lists of the terms in at least warmMinDocs
// documents, most documents first, until warmBytes are held. (The counts
// are the term dictionary's, which are low for an index of several
// segments: they order the terms, roughly.)
const (
	warmMinDocs = 50
	warmBytes   = maxHeldBytes * 3 / 4
)

// postingList is one term's postings in one field.
type postingList struct {
	docs   []uint32  // document numbers, ascending
	tfNorm []float64 // √frequency × the field's norm: what bleve's term scorer weighs a posting by
}

// idf is the term's inverse document frequency, as bleve's TF-IDF has it,
// among docs documents.
func (l *postingList) idf(docs uint64) float64 {
	return 1 + math.Log(float64(docs)/float64(len(l.docs)+1))
}

// addTo adds each posting's score (tfNorm × idf × weight, bleve's product
// in bleve's order) to its document's tally in group.
func (l *postingList) addTo(group []tally, idf, weight float64) {
	for i, n := range l.docs {
		t := &group[n]
		t.score += l.tfNorm[i] * idf * weight
		t.hits++
	}
}

// snapshot is what searching keeps of one snapshot of the index: the table
// of its documents and the posting lists read so far.
type snapshot struct {
	reader index.IndexReader
	table  *docTable

	mu    sync.Mutex
	lists map[string]*postingList // by field, NUL, term
	held  int                     // bytes in lists
}

// postings is the list of term in field.
func (s *snapshot) postings(field, term string) (*postingList, error) {
	key := field + "\x00" + term
	s.mu.Lock()
	l, ok := s.lists[key]
	s.mu.Unlock()
	if ok {
		return l, nil
	}
	l, err := s.read(field, term)
	if err != nil {
		return nil, err
	}
	if len(l.docs) == 0 {
		return l, nil
	}
	size := 12*len(l.docs) + len(key) + heldEntryCost
	s.mu.Lock()
	if _, ok := s.lists[key]; !ok && s.held+size <= maxHeldBytes {
		s.lists[key], s.held = l, s.held+size
	}
	s.mu.Unlock()
	return l, nil
}

// Warm reads ahead the lists of the index's common words and word pairs
// (those that queries are slowest to read, and most often need) and the
// pages of the records. A server calls it once it has opened the index,
// beside its first searches; it returns early when ctx is done.
func (x *Index) Warm(ctx context.Context) error {
	r, err := x.reader()
	if err != nil {
		return err
	}
	defer r.Close()
	s, err := x.snaps.of(r)
	if err != nil {
		return err
	}
	type common struct {
		field, term string
		docs        uint64
	}
	var terms []common
	for _, field := range []string{"all", "pairs"} {
		dict, err := r.FieldDict(field)
		if err != nil {
			return err
		}
		for {
			e, err := dict.Next()
			if err != nil {
				_ = dict.Close()
				return err
			}
			if e == nil {
				break
			}
			if e.Count >= warmMinDocs {
				terms = append(terms, common{field, e.Term, e.Count})
			}
		}
		if err := dict.Close(); err != nil {
			return err
		}
	}
	slices.SortStableFunc(terms, func(a, b common) int { return cmp.Compare(b.docs, a.docs) })
	for _, t := range terms {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := s.postings(t.field, t.term); err != nil {
			return err
		}
		s.mu.Lock()
		full := s.held >= warmBytes
		s.mu.Unlock()
		if full {
			break
		}
	}
	if fs, ok := x.store.(*fileStore); ok {
		return fs.touch(ctx)
	}
	return nil
}

// read reads the list of term in field from each segment of the snapshot,
// leaving out deleted documents. Bleve numbers a segment's documents after
// those of the segments before it, deleted ones included.
func (s *snapshot) read(field, term string) (*postingList, error) {
	snap, ok := s.reader.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("the index is not one kehoach writes (%T)", s.reader)
	}
	segs := snap.Segments()
	lists := make([]segment.PostingsList, len(segs))
	var count uint64
	for i, ss := range segs {
		dict, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, err
		}
		if lists[i], err = dict.PostingsList([]byte(term), ss.Deleted(), nil); err != nil {
			return nil, err
		}
		count += lists[i].Count()
	}
	l := &postingList{docs: make([]uint32, 0, count), tfNorm: make([]float64, 0, count)}
	var base uint64
	for i, pl := range lists {
		it := pl.Iterator(true, true, false, nil)
		for {
			p, err := it.Next()
			if err != nil {
				return nil, err
			}
			if p == nil {
				break
			}
			n := base + p.Number()
			if n >= uint64(len(s.table.rec)) {
				return nil, fmt.Errorf("posting %d of %q is not a document of the index", n, term)
			}
			l.docs = append(l.docs, uint32(n))
			l.tfNorm = append(l.tfNorm, sqrtOf(p.Frequency())*p.Norm())
		}
		base += uint64(segs[i].FullSize())
	}
	return l, nil
}

// sqrtOf is the square root of a term's frequency, from bleve's table for
// the usual ones.
func sqrtOf(f uint64) float64 {
	if f < uint64(len(bscorer.SqrtCache)) {
		return bscorer.SqrtCache[f]
	}
	return math.Sqrt(float64(f))
}
