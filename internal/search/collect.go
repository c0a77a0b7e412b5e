package search

import (
	"cmp"
	"container/heap"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	index "github.com/blevesearch/bleve_index_api"
)

// Collecting the matches: evaluating a query (evaluate.go) hands each
// match to a collector that keeps the best and counts the facets. Bleve's
// own collector read each match's kind and agencies from its doc values,
// and its id to order equal scores, at about 1 µs a match: on a large site,
// where a query matches most documents, more than scoring them. Here each
// match costs a few array reads in a table made once per snapshot of the
// index.

// docTable is what collecting needs of each document of one snapshot of the
// index, by bleve's internal number.
type docTable struct {
	rec         []int32   // the record number (the document's bleve id); -1 where none
	idRank      []int32   // the place of its id among the ids as strings: bleve's "_id" order
	kind        []int32   // into kinds; -1 for none
	agencies    [][]int32 // into agencyNames
	kinds       []string
	agencyNames []string
}

// newDocTable reads the table of the snapshot r.
func newDocTable(r index.IndexReader) (*docTable, error) {
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer ids.Close()
	dv, err := r.DocValueReader([]string{"kind", "agency"})
	if err != nil {
		return nil, err
	}
	t := &docTable{}
	kinds, agencies := map[string]int32{}, map[string]int32{}
	ordinal := func(m map[string]int32, names *[]string, v string) int32 {
		o, ok := m[v]
		if !ok {
			o = int32(len(*names))
			m[v] = o
			*names = append(*names, v)
		}
		return o
	}
	type idOf struct {
		n  uint64
		id string
	}
	var all []idOf
	for {
		id, err := ids.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			break
		}
		n, err := docNumber(id, len(all))
		if err != nil {
			return nil, err
		}
		for uint64(len(t.rec)) <= n {
			t.rec, t.kind = append(t.rec, -1), append(t.kind, -1)
			t.agencies = append(t.agencies, nil)
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return nil, err
		}
		rec, err := strconv.Atoi(ext)
		if err != nil {
			return nil, fmt.Errorf("document id %q: %w", ext, err)
		}
		t.rec[n] = int32(rec)
		all = append(all, idOf{n, ext})
		err = dv.VisitDocValues(id, func(field string, term []byte) {
			switch field {
			case "kind":
				t.kind[n] = ordinal(kinds, &t.kinds, string(term))
			case "agency":
				t.agencies[n] = append(t.agencies[n], ordinal(agencies, &t.agencyNames, string(term)))
			}
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(all, func(a, b idOf) int { return strings.Compare(a.id, b.id) })
	t.idRank = make([]int32, len(t.rec))
	for i, d := range all {
		t.idRank[d.n] = int32(i)
	}
	return t, nil
}

// docNumber is the number of the document id names in a scorch index:
// eight bytes, big-endian, below the documents' count plus those deleted
// and not yet merged away. Other bleve index types, which kehoach does not
// write, name documents otherwise. seen is how many were read before.
func docNumber(id index.IndexInternalID, seen int) (uint64, error) {
	if len(id) != 8 {
		return 0, fmt.Errorf("the index is not one kehoach writes (document id %q)", []byte(id))
	}
	n := id.Value()
	if n > uint64(seen)+1<<20 {
		return 0, fmt.Errorf("document number %d is out of range", n)
	}
	return n, nil
}

// snapshots keeps what searching knows of the two snapshots searched last:
// an index opened read-only has one all its life; a Live index has a new
// one after each update, and on disk after each merge too, and a search
// begun before an update still ends on the one before. It also keeps the
// accumulators of past searches for the next.
type snapshots struct {
	mu      sync.Mutex
	recent  [2]*snapshot // the last used first
	scratch sync.Pool    // of *accumulators
}

// of is what searching knows of the snapshot r.
func (ss *snapshots) of(r index.IndexReader) (*snapshot, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for i, s := range ss.recent {
		if s != nil && s.reader == r {
			ss.recent[0], ss.recent[i] = s, ss.recent[0]
			return s, nil
		}
	}
	t, err := newDocTable(r)
	if err != nil {
		return nil, fmt.Errorf("reading the index's documents: %w", err)
	}
	s := &snapshot{reader: r, table: t, lists: map[string]*postingList{}}
	ss.recent[0], ss.recent[1] = s, ss.recent[0]
	return s, nil
}

// scored is a match: its record number and its score, the one bleve gives.
type scored struct {
	rec   int
	score float64
	rank  int32 // docTable.idRank
}

// collected is what a search gathered: the best matches, best first, the
// number of matches and the facet counts.
type collected struct {
	size     int
	best     bestHeap
	total    int
	kinds    []int // by docTable.kinds
	agencies []int // by docTable.agencyNames
	table    *docTable
}

func newCollected(t *docTable, size int) *collected {
	return &collected{size: size, table: t, kinds: make([]int, len(t.kinds)), agencies: make([]int, len(t.agencyNames))}
}

// add counts the match of document number n and keeps it if it is among
// the size best.
func (c *collected) add(n uint64, score float64) error {
	t := c.table
	if n >= uint64(len(t.rec)) || t.rec[n] < 0 {
		return fmt.Errorf("match %d is not a document of the index", n)
	}
	c.total++
	if k := t.kind[n]; k >= 0 {
		c.kinds[k]++
	}
	for _, a := range t.agencies[n] {
		c.agencies[a]++
	}
	s := scored{rec: int(t.rec[n]), score: score, rank: t.idRank[n]}
	switch {
	case len(c.best) < c.size:
		heap.Push(&c.best, s)
	case better(s, c.best[0]):
		c.best[0] = s
		heap.Fix(&c.best, 0)
	}
	return nil
}

// better orders matches as bleve's "-_score", "_id" does.
func better(a, b scored) bool {
	return a.score > b.score || a.score == b.score && a.rank < b.rank
}

// hits are the best matches, best first.
func (c *collected) hits() []scored {
	out := slices.Clone(c.best)
	slices.SortFunc(out, func(a, b scored) int {
		switch {
		case better(a, b):
			return -1
		case better(b, a):
			return 1
		}
		return 0
	})
	return out
}

// facets are the counts of the matches per kind (the ten first) and per
// agency (the fifty first), most first, then by name.
func (c *collected) facets() map[string]Facet {
	return map[string]Facet{
		"kind":   facet(c.table.kinds, c.kinds, 10),
		"agency": facet(c.table.agencyNames, c.agencies, 50),
	}
}

func facet(names []string, counts []int, size int) Facet {
	out := Facet{}
	for i, n := range counts {
		if n > 0 {
			out = append(out, FacetCount{Value: names[i], Count: n})
		}
	}
	slices.SortFunc(out, func(a, b FacetCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(a.Value, b.Value))
	})
	return out[:min(len(out), size)]
}

// bestHeap is a heap of matches, the worst on top.
type bestHeap []scored

func (h bestHeap) Len() int           { return len(h) }
func (h bestHeap) Less(i, j int) bool { return better(h[j], h[i]) }
func (h bestHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *bestHeap) Push(x any)        { *h = append(*h, x.(scored)) }
func (h *bestHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
