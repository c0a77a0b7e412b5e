package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// Dir is the folder of the index inside a built site.
const Dir = "_search"

const docType = "doc"

// newMapping describes how each field of an indexed document is analysed.
// No field keeps term vectors: phrases are answered with bigrams and
// snippets are made by this package.
func newMapping() mapping.IndexMapping {
	text := func(analyzer string, store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keywordField := func(docValues bool) *mapping.FieldMapping {
		f := text(keyword.Name, false)
		f.DocValues = docValues
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	for name, f := range map[string]*mapping.FieldMapping{
		"date": keywordField(false), "deadline": keywordField(false), "status": keywordField(false),
		"kind": keywordField(true), "agency": keywordField(true), "num": keywordField(false), "item": keywordField(false),
		"all": text(wordsAnalyzer, false), "pairs": text(pairsAnalyzer, false),
	} {
		doc.AddFieldMappingsAt(name, f)
	}
	m := bleve.NewIndexMapping()
	m.AddDocumentMapping(docType, doc)
	m.DefaultMapping = doc
	m.DefaultAnalyzer = wordsAnalyzer
	m.StoreDynamic = false
	m.IndexDynamic = false
	return m
}

// Type names the document type of every indexed document (bleve's
// Classifier), so that the static mapping applies.
func (indexed) Type() string { return docType }

const batchSize = 1000

// Write builds the index of docs in the folder dir, which must not exist.
// progress, when not nil, is told after each batch how many are indexed;
// static, when not nil, gathers the static index of the same documents. It
// stops, with ctx's error, when ctx is done.
func Write(ctx context.Context, dir string, docs []Document, progress func(done, total int), static *StaticIndex) error {
	if err := register(); err != nil {
		return err
	}
	idx, err := bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("creating the search index: %w", err)
	}
	recs, err := fill(ctx, idx, docs, progress, static)
	if err != nil {
		_ = idx.Close()
		return err
	}
	if err := idx.Close(); err != nil {
		return fmt.Errorf("closing the search index: %w", err)
	}
	if err := writeStore(dir, recs); err != nil {
		return fmt.Errorf("writing the search documents: %w", err)
	}
	return makeReadable(dir)
}

// fill indexes docs under the ids "0", "1", … and returns their records in
// that order; static, when not nil, gathers the static index from the same
// analysis.
func fill(ctx context.Context, idx bleve.Index, docs []Document, progress func(done, total int), static *StaticIndex) ([]record, error) {
	recs := make([]record, len(docs))
	err := analyseBatches(ctx, docs, func(start int, xs []indexed, batch []record) error {
		b := idx.NewBatch()
		for i := range xs {
			if err := b.Index(strconv.Itoa(start+i), xs[i]); err != nil {
				return fmt.Errorf("indexing %s: %w", docs[start+i].URL, err)
			}
			if static != nil {
				static.add(docs[start+i], xs[i], batch[i].Places)
			}
		}
		if err := idx.Batch(b); err != nil {
			return fmt.Errorf("writing the search index: %w", err)
		}
		copy(recs[start:], batch)
		if progress != nil {
			progress(start+len(xs), len(docs))
		}
		return nil
	})
	return recs, err
}

// analyseBatches analyses docs in parallel, a batch at a time, and hands
// each batch to use, in order. It stops, with ctx's error, when ctx is done.
func analyseBatches(ctx context.Context, docs []Document, use func(start int, xs []indexed, recs []record) error) error {
	for start := 0; start < len(docs); start += batchSize {
		xs, recs, err := analyseAll(ctx, docs[start:start+min(batchSize, len(docs)-start)])
		if err != nil {
			return err
		}
		if err := use(start, xs, recs); err != nil {
			return err
		}
	}
	return nil
}

// makeReadable opens the index files to every reader: bleve creates them
// 0600, and the site is often served by another user than the one who built it.
func makeReadable(dir string) error {
	return filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		mode := os.FileMode(0o644)
		if d.IsDir() {
			mode = 0o755
		}
		return os.Chmod(p, mode)
	})
}

// Index is an open search index.
type Index struct {
	bleve    bleve.Index
	store    store
	snaps    *snapshots // what searching knows of the snapshots searched last
	borrowed bool       // Close leaves it open: its owner closes it (Live.Index)
	closing  sync.Once
	closeErr error
}

// errClosed is the error of a search on an index closed before or during it.
var errClosed = errors.New("the search index is closed")

// ErrNoIndex is returned by Open when the site has no usable index.
var ErrNoIndex = errors.New("no search index")

// Open opens the index in dir read-only.
func Open(dir string) (*Index, error) {
	if err := register(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		return nil, fmt.Errorf("%w in %s: run kehoach build", ErrNoIndex, dir)
	}
	idx, err := bleve.OpenUsing(dir, map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("%w: the index in %s is damaged (%v): run kehoach build", ErrNoIndex, dir, err)
	}
	st, err := openStore(dir)
	if errors.Is(err, errOtherVersion) {
		_ = idx.Close()
		return nil, fmt.Errorf("%w: the index in %s was written by another version of kehoach: run kehoach build", ErrNoIndex, dir)
	}
	if err != nil {
		_ = idx.Close()
		return nil, fmt.Errorf("%w: the index in %s is damaged (%v): run kehoach build", ErrNoIndex, dir, err)
	}
	x := &Index{bleve: idx, store: st, snaps: &snapshots{}}
	if err := x.readTable(); err != nil {
		_ = x.Close()
		return nil, fmt.Errorf("%w: the index in %s is damaged (%v): run kehoach build", ErrNoIndex, dir, err)
	}
	return x, nil
}

// readTable reads the table of documents that collecting matches needs
// (collect.go) now rather than at the first search: a read-only index
// keeps its one snapshot, so the server's first answer is as quick as the
// next.
func (x *Index) readTable() error {
	r, err := x.reader()
	if err != nil {
		return err
	}
	defer r.Close()
	_, err = x.snaps.of(r)
	return err
}

// reader is the index's current snapshot, which searches read: the caller
// closes it.
func (x *Index) reader() (index.IndexReader, error) {
	adv, err := x.bleve.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	if s, ok := r.(*scorch.IndexSnapshot); ok && s == nil {
		return nil, errClosed // scorch gives no snapshot once closed
	}
	return r, nil
}

// Close closes the index; searches still running end with an error. A
// second Close does nothing (bleve's panics).
func (x *Index) Close() error {
	if x.borrowed {
		return nil
	}
	x.closing.Do(func() { x.closeErr = errors.Join(x.bleve.Close(), x.store.close()) })
	return x.closeErr
}
