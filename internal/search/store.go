package search

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unsafe"

	"github.com/blevesearch/mmap-go"
	"github.com/golang/snappy"
)

// The record of each document that results show and ranking reads (its
// address, headings and text) is kept beside the bleve index, in docs.bin,
// rather than as bleve stored fields: bleve compresses stored fields in
// chunks, and loading thirty candidates cost more than the search itself. A
// document's bleve id is the number of its record.
//
// docs.bin: "KHDOCS6\n", the record count (uint32), the end offset of each
// record (uint32 each, from the start of the records), then the records,
// each compressed with snappy (which bleve already uses: about half the size,
// a few microseconds to read). A record is length-prefixed (uvarint) strings:
// URL, title, section, kind, agencies joined by formSep, text, then the
// words of the text, the title and the section, folded and exact, each a
// line of words one space apart (analysed.line): ranking compares them, and
// analysing thirty candidates' text again for each query cost as much as
// finding them; then the text's places (encodePlaces), and last the note.

const (
	storeFile  = "docs.bin"
	storeMagic = "KHDOCS6\n"
)

// record is what a result needs of its document, and the words that ranking
// compares.
type record struct {
	URL, Title, Section, Kind string
	Agencies                  []string
	Text                      string
	FText, EText              string // the text's words, folded and exact
	FTitle, ETitle            string
	FSection, ESection        string
	Places                    string // encodePlaces
	Note                      string // Document.Note
}

func newRecord(d Document, title, section, text analysed) record {
	agencies := d.Agencies
	if agencies == nil {
		agencies = []string{} // as decodeRecord gives it: "agency": [] in the API, not null
	}
	return record{
		URL: d.URL, Title: d.Title, Section: d.Section, Kind: d.Kind, Agencies: agencies, Text: d.Text,
		FText: text.line(), EText: text.exactLine(),
		FTitle: title.line(), ETitle: title.exactLine(),
		FSection: section.line(), ESection: section.exactLine(),
		Places: encodePlaces(wordPlaces(d.Text, d.Places)), Note: d.Note,
	}
}

func (r record) encode(b []byte) []byte {
	for _, s := range []string{r.URL, r.Title, r.Section, r.Kind, strings.Join(r.Agencies, formSep), r.Text,
		r.FText, r.EText, r.FTitle, r.ETitle, r.FSection, r.ESection, r.Places, r.Note} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

// decodeRecord decodes a record. Its strings share b's memory, which the
// caller must not change afterwards: thirty records a query, copying each
// field again cost as much as decompressing them.
func decodeRecord(b []byte) (record, error) {
	var f [14]string
	for i := range f {
		n, size := binary.Uvarint(b)
		if size <= 0 || uint64(len(b)-size) < n {
			return record{}, errors.New("truncated record")
		}
		if n > 0 {
			f[i] = unsafe.String(&b[size], int(n))
		}
		b = b[size+int(n):]
	}
	if len(b) > 0 {
		return record{}, errors.New("bytes after the record")
	}
	r := record{URL: f[0], Title: f[1], Section: f[2], Kind: f[3], Text: f[5],
		FText: f[6], EText: f[7], FTitle: f[8], ETitle: f[9], FSection: f[10], ESection: f[11], Places: f[12], Note: f[13]}
	if f[4] != "" {
		r.Agencies = strings.Split(f[4], formSep)
	} else {
		r.Agencies = []string{}
	}
	return r, nil
}

// errOtherVersion marks an index that another version of kehoach wrote.
var errOtherVersion = errors.New("another version's index")

// store reads records by number.
type store interface {
	record(n int) (record, error)
	close() error
}

// writeStore writes records to dir/docs.bin.
func writeStore(dir string, recs []record) error {
	var body []byte
	ends := make([]byte, 0, 4*len(recs))
	var raw []byte
	for _, r := range recs {
		raw = r.encode(raw[:0])
		body = append(body, snappy.Encode(nil, raw)...)
		if uint64(len(body)) > 1<<32-1 {
			return errors.New("search documents exceed 4 GB")
		}
		ends = binary.LittleEndian.AppendUint32(ends, uint32(len(body)))
	}
	out := append([]byte(storeMagic), binary.LittleEndian.AppendUint32(nil, uint32(len(recs)))...)
	out = append(append(out, ends...), body...)
	return os.WriteFile(filepath.Join(dir, storeFile), out, 0o644)
}

// fileStore reads records from docs.bin, mapped into memory (as bleve maps
// its segments): reading thirty candidates with a system call each cost
// more than decoding them. Its offsets are checked when it is opened.
type fileStore struct {
	mu      sync.RWMutex // close waits for the records being read, then unmaps
	closed  bool
	f       *os.File
	data    mmap.MMap
	ends    []uint32
	base    int64 // where the records start
	touched byte  // what touch read, kept so that reading is not left out
}

func openStore(dir string) (*fileStore, error) {
	f, err := os.Open(filepath.Join(dir, storeFile))
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if info.Size() == 0 {
		f.Close()
		return nil, fmt.Errorf("%s is empty", storeFile)
	}
	data, err := mmap.Map(f, mmap.RDONLY, 0)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", storeFile, err)
	}
	s := &fileStore{f: f, data: data}
	if err := s.readHead(); err != nil {
		_ = s.close()
		return nil, err
	}
	return s, nil
}

// readHead checks the format and reads the records' end offsets.
func (s *fileStore) readHead() error {
	head := len(storeMagic) + 4
	switch {
	case len(s.data) >= head && string(s.data[:len(storeMagic)]) == storeMagic:
	case strings.HasPrefix(storeMagic, string(s.data[:min(len(s.data), len(storeMagic))])):
		return fmt.Errorf("%s is truncated", storeFile)
	case strings.HasPrefix(string(s.data), storeMagic[:6]):
		return fmt.Errorf("%w: %s was written by another version of kehoach", errOtherVersion, storeFile)
	default:
		return fmt.Errorf("%s is not a kehoach document store", storeFile)
	}
	count := int64(binary.LittleEndian.Uint32(s.data[len(storeMagic):]))
	s.base = int64(head) + 4*count
	if s.base > int64(len(s.data)) {
		return fmt.Errorf("%s is truncated", storeFile)
	}
	s.ends = make([]uint32, count)
	prev := uint32(0)
	for i := range s.ends {
		s.ends[i] = binary.LittleEndian.Uint32(s.data[head+4*i:])
		if s.ends[i] < prev {
			return fmt.Errorf("%s has bad offsets", storeFile)
		}
		prev = s.ends[i]
	}
	if s.base+int64(prev) != int64(len(s.data)) {
		return fmt.Errorf("%s is truncated or has bytes to spare", storeFile)
	}
	return nil
}

func (s *fileStore) record(n int) (record, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return record{}, errClosed
	}
	if n < 0 || n >= len(s.ends) {
		return record{}, fmt.Errorf("no record %d", n)
	}
	start := uint32(0)
	if n > 0 {
		start = s.ends[n-1]
	}
	b := s.data[s.base+int64(start) : s.base+int64(s.ends[n])]
	raw, err := snappy.Decode(nil, b)
	if err != nil {
		return record{}, fmt.Errorf("%s: record %d: %w", storeFile, n, err)
	}
	return decodeRecord(raw)
}

// touch reads a byte of each page of the records, so that the system maps
// them now rather than in the first searches: on the 10,000-page site's 52
// MiB, first searches were 0.3–0.4 ms slower at p50 without it.
func (s *fileStore) touch(ctx context.Context) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return errClosed
	}
	var sum byte
	for i := 0; i < len(s.data); i += 4096 {
		if i%(1<<20) == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		sum += s.data[i]
	}
	s.touched = sum
	return nil
}

func (s *fileStore) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	return errors.Join(s.data.Unmap(), s.f.Close())
}
