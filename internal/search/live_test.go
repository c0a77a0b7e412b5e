package search

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLiveUpdate follows a preview's edits: each Update indexes only what
// changed, and the index answers as a fresh index of the same documents.
func TestLiveUpdate(t *testing.T) {
	live, err := NewLive(filepath.Join(t.TempDir(), "index")) // on disk, as a preview's
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	ctx := context.Background()

	edited := slices.Clone(testDocs)
	edited[2].Text = "Rà soát, sàng lọc đảng viên theo Hướng dẫn số 12-HD/BTCTW."        // changed
	edited = slices.Delete(edited, 4, 5)                                                 // agency e removed
	edited = append(edited, Document{ID: "j", URL: "updates/moi.html", Title: "Tin mới", // added
		Kind: "update", Text: "Hội nghị sơ kết mô hình chi bộ bốn tốt."})
	steps := []struct {
		docs []Document
		want LiveChange
	}{
		{testDocs, LiveChange{Added: len(testDocs)}},
		{testDocs, LiveChange{Kept: len(testDocs)}},
		{edited, LiveChange{Added: 1, Changed: 1, Removed: 1, Kept: len(testDocs) - 2}},
	}
	for i, st := range steps {
		got, err := live.Update(ctx, st.docs)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if got != st.want {
			t.Errorf("step %d: Update = %+v, want %+v", i, got, st.want)
		}
	}

	fresh, err := NewMemory(edited)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	for _, q := range []string{"sàng lọc", "Chỉ thị 28", "HD 12", "uy ban kiem tra", "chi bo bon tot", "đăng", "dang vien"} {
		want, err := fresh.Search(Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		got, err := live.Index().Search(Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(urls(want), urls(got)); diff != "" {
			t.Errorf("%q: live index answers otherwise than a fresh one (-fresh +live):\n%s", q, diff)
		}
		if got.Total != want.Total {
			t.Errorf("%q: total %d, fresh index %d", q, got.Total, want.Total)
		}
	}
	if _, err := live.Update(ctx, append(slices.Clone(edited), edited[0])); err == nil {
		t.Error("Update took two documents with the same id")
	}
}

// TestLiveAgencyList checks that a hit of a document without agencies
// gives "agency": [] from a Live index, as from one on disk: the API's
// JSON has a list there, never null.
func TestLiveAgencyList(t *testing.T) {
	live, err := NewLive("")
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	docs := []Document{{ID: "a", URL: "plan/a.html", Title: "Kế hoạch", Kind: "plan", Text: "Chi bộ bốn tốt."}}
	if _, err := live.Update(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	res, err := live.Index().Search(Request{Query: "chi bo"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].Agency == nil {
		t.Errorf("hits = %+v; want one, with an empty agency list", res.Hits)
	}
}
