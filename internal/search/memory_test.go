package search

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// Indexes in memory, for the tests: a build writes its index on disk, a
// preview keeps a Live one.

// NewMemory builds an index of docs in memory, with its records.
func NewMemory(docs []Document) (*Index, error) {
	if err := register(); err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing("", newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	recs, err := fill(context.Background(), idx, docs, nil, nil)
	if err != nil {
		_ = idx.Close()
		return nil, err
	}
	return &Index{bleve: idx, store: memStore(recs), snaps: &snapshots{}}, nil
}

// memStore holds records in memory.
type memStore []record

func (m memStore) record(n int) (record, error) {
	if n < 0 || n >= len(m) {
		return record{}, fmt.Errorf("no record %d", n)
	}
	return m[n], nil
}

func (memStore) close() error { return nil }

// keyOf is the key a term is filed under among keys: the longest that its
// stem starts with.
func keyOf(keys map[string]int, term string) (string, bool) {
	st := stem(term)
	for n := len(st); n >= 0; n-- {
		if _, ok := keys[st[:n]]; ok {
			return st[:n], true
		}
	}
	return "", false
}
