package search

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"golang.org/x/sync/errgroup"
)

// Live is an index kept across the builds of a preview: each Update indexes
// only the documents that changed since the one before, so that a save in a
// large site does not index it all again. Searches may run
// during an Update: they see the index before or after each of its batches.
//
// Its ranking can differ slightly from a fresh index of the same documents:
// documents get new numbers when they change (equal scores are ordered by
// number), and bleve counts replaced documents in its statistics until it
// merges them away.
type Live struct {
	mu    sync.Mutex // one Update at a time
	bleve bleve.Index
	store *liveStore
	docs  map[string]liveDoc // by Document.ID
	seed  maphash.Seed
	// snaps is shared by the Index views, so that searches between two
	// Updates read the documents' table once.
	snaps *snapshots
}

// liveDoc is what a Live index knows of a document it holds: a hash of
// what was indexed, and its number in the bleve index.
type liveDoc struct {
	sum uint64
	n   int
}

// liveStore holds the records of a Live index. Records are only appended: a
// changed document gets a new number, and a search that started before the
// change still finds the record of the number it saw.
type liveStore struct {
	mu   sync.RWMutex
	recs []record
}

func (s *liveStore) record(n int) (record, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if n < 0 || n >= len(s.recs) {
		return record{}, fmt.Errorf("no record %d", n)
	}
	return s.recs[n], nil
}

func (*liveStore) close() error { return nil }

// NewLive returns an empty Live index in the folder dir, which must not
// exist, or in memory when dir is "". An index on disk is merged in the
// background as it changes; one in memory keeps a segment per Update, which
// suits tests, not a long editing session.
func NewLive(dir string) (*Live, error) {
	if err := register(); err != nil {
		return nil, err
	}
	// Updates wait to be searchable, not to be on disk: the preview
	// rebuilds the index when it starts again.
	idx, err := bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, map[string]any{"unsafe_batch": true})
	if err != nil {
		return nil, fmt.Errorf("creating the search index: %w", err)
	}
	return &Live{bleve: idx, store: &liveStore{}, docs: map[string]liveDoc{}, seed: maphash.MakeSeed(), snaps: &snapshots{}}, nil
}

// Index is the index to search. Closing it does nothing: Close the Live.
func (l *Live) Index() *Index {
	return &Index{bleve: l.bleve, store: l.store, snaps: l.snaps, borrowed: true}
}

// Close releases the index.
func (l *Live) Close() error { return l.bleve.Close() }

// LiveChange counts what an Update did.
type LiveChange struct{ Added, Changed, Removed, Kept int }

// Update makes the index hold docs: it indexes the documents that are new
// or differ from what it holds under their ID, and deletes those that are
// gone, in one batch when fewer than batchSize changed. When a batch fails,
// the documents of the batches before it are in the index but Update does
// not know it: they are indexed again, under new numbers, by the next Update.
func (l *Live) Update(ctx context.Context, docs []Document) (LiveChange, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var ch LiveChange
	sums := make(map[string]uint64, len(docs)) // of the documents to hold
	var todo []Document
	for _, d := range docs {
		if _, dup := sums[d.ID]; dup {
			return ch, fmt.Errorf("two search documents with the id %q", d.ID)
		}
		sums[d.ID] = d.sum(l.seed)
		old, ok := l.docs[d.ID]
		switch {
		case !ok:
			ch.Added++
		case old.sum == sums[d.ID]:
			ch.Kept++
			continue
		default:
			ch.Changed++
		}
		todo = append(todo, d)
	}
	var gone []string // the removed documents' IDs
	for id := range l.docs {
		if _, kept := sums[id]; !kept {
			ch.Removed++
			gone = append(gone, id)
		}
	}
	// Batches of batchSize documents, as a build indexes them: bleve holds
	// the analysis of a whole batch in memory. What a batch did is recorded
	// before the next, so that a failure leaves l.docs true to the index.
	for start := 0; start == 0 || start < len(todo); start += batchSize {
		part := todo[start:min(start+batchSize, len(todo))]
		xs, recs, err := analyseAll(ctx, part)
		if err != nil {
			return LiveChange{}, err
		}
		b := l.bleve.NewBatch()
		for _, id := range gone {
			b.Delete(strconv.Itoa(l.docs[id].n))
		}
		next := len(l.store.recs)
		for i, d := range part {
			if old, ok := l.docs[d.ID]; ok {
				b.Delete(strconv.Itoa(old.n))
			}
			if err := b.Index(strconv.Itoa(next+i), xs[i]); err != nil {
				return LiveChange{}, fmt.Errorf("indexing %s: %w", d.URL, err)
			}
		}
		l.store.mu.Lock()
		l.store.recs = append(l.store.recs, recs...)
		l.store.mu.Unlock()
		if err := l.bleve.Batch(b); err != nil {
			return LiveChange{}, fmt.Errorf("updating the search index: %w", err)
		}
		for _, id := range gone {
			delete(l.docs, id)
		}
		gone = nil
		for i, d := range part {
			l.docs[d.ID] = liveDoc{sum: sums[d.ID], n: next + i}
		}
	}
	return ch, nil
}

// analyseAll analyses docs in parallel.
func analyseAll(ctx context.Context, docs []Document) ([]indexed, []record, error) {
	xs := make([]indexed, len(docs))
	recs := make([]record, len(docs))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range docs {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			xs[i], recs[i] = docs[i].analysed()
			return nil
		})
	}
	return xs, recs, g.Wait()
}

// sum is a hash of everything of d that is indexed.
func (d Document) sum(seed maphash.Seed) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, f := range []string{d.ID, d.URL, d.Title, d.Section, d.Kind, strings.Join(d.Agencies, formSep),
		d.Status, d.Deadline, d.Date, d.Text, d.Extra} {
		var n [binary.MaxVarintLen64]byte
		_, _ = h.Write(n[:binary.PutUvarint(n[:], uint64(len(f)))]) // lengths first: "ab"+"c" is not "a"+"bc"
		_, _ = h.WriteString(f)
	}
	return h.Sum64()
}
