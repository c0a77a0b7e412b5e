package search

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStoreRoundTrip writes records and reads them back, and checks that a
// store of another format is refused with a message that says so.
func TestStoreRoundTrip(t *testing.T) {
	docs := []Document{
		{ID: "0", URL: "plan/a.html#i-1", Title: "Kế hoạch", Section: "1. Uỷ ban kiểm tra", Kind: "plan", Text: "Hoà giải ở cơ sở, UBKT."},
		{ID: "1", URL: "tasks/b.html", Title: "Nhiệm vụ", Kind: "task", Agencies: []string{"ban-to-chuc"}, Text: ""},
	}
	var recs []record
	for _, d := range docs {
		_, r := d.analysed()
		recs = append(recs, r)
	}
	dir := t.TempDir()
	if err := writeStore(dir, recs); err != nil {
		t.Fatal(err)
	}
	s, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range recs {
		got, err := s.record(i)
		if err != nil {
			t.Fatal(err)
		}
		if got.URL != want.URL || got.EText != want.EText || got.ESection != want.ESection || got.FTitle != want.FTitle {
			t.Errorf("record %d = %+v, want %+v", i, got, want)
		}
	}
	if got, want := recs[0].ESection, analyse("1. Ủy ban kiểm tra").exactLine(); got != want {
		t.Errorf("exact words of the section = %q, want %q: either tone placement, one form", got, want)
	}
	s.close()

	path := filepath.Join(dir, storeFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	copy(data, "KHDOCS2\n")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := openStore(dir); !errors.Is(err, errOtherVersion) {
		t.Errorf("a store of the previous format opened with %v; want it refused as another version's", err)
	}
	copy(data, storeMagic)
	for _, size := range []int{5, len(storeMagic), 11} { // shorter than its header
		if err := os.WriteFile(path, data[:size], 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := openStore(dir); err == nil || !strings.Contains(err.Error(), "truncated") {
			t.Errorf("a store cut to %d bytes opened with %v; want it said truncated", size, err)
		}
	}
}
