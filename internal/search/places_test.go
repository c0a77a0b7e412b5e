package search

import (
	"strings"
	"testing"
)

// TestResultLinksItsBullet checks that a result leads to the bullet its
// snippet quotes, and to its section when the snippet quotes none.
func TestResultLinksItsBullet(t *testing.T) {
	text := "Ban Tổ chức Tỉnh ủy chủ trì:\n" +
		"Tham mưu hướng dẫn thí điểm sinh hoạt đảng trực tuyến.\n" +
		"Rà soát, sàng lọc đảng viên không đủ tư cách.\n" +
		"Đổi mới đánh giá chất lượng tổ chức cơ sở đảng."
	at := func(s string) int { return strings.Index(text, s) }
	doc := Document{ID: "v1", URL: "plan/05.html#v-1", Title: "V- NHIỆM VỤ CỤ THỂ", Section: "1. Ban Tổ chức Tỉnh ủy",
		Kind: "plan", Text: text, Places: []Place{{"v-1-1", at("Tham")}, {"v-1-2", at("Rà")}, {"v-1-3", at("Đổi")}}}
	x, err := NewMemory([]Document{doc})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for _, tc := range []struct{ query, link string }{
		{"sinh hoat truc tuyen", "plan/05.html#v-1-1"},
		{"sàng lọc đảng viên", "plan/05.html#v-1-2"},
		{"đánh giá chất lượng", "plan/05.html#v-1-3"},
		{"chủ trì", "plan/05.html#v-1"},             // before the first bullet
		{"ban to chuc tinh uy", "plan/05.html#v-1"}, // the heading
	} {
		res, err := x.Search(Request{Query: tc.query})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || res.Hits[0].Link != tc.link || res.Hits[0].URL != doc.URL {
			t.Errorf("%q: hits %+v, want one at %s leading to %s", tc.query, res.Hits, doc.URL, tc.link)
		}
	}
}

func TestWordPlaces(t *testing.T) {
	text := "Mở đầu.\nMột việc.\n\nHai việc: con."
	got := encodePlaces(wordPlaces(text, []Place{{"v-2-1", strings.Index(text, "Một")}, {"v-2-2", strings.Index(text, "Hai")}}))
	if want := "2 v-2-1 4 v-2-2"; got != want {
		t.Errorf("places = %q, want %q", got, want)
	}
	for _, tc := range []struct {
		places string
		at     int
		want   string
	}{
		{"2 v-2-1 4 v-2-2", -1, "p.html#v-2"},
		{"2 v-2-1 4 v-2-2", 1, "p.html#v-2"},
		{"2 v-2-1 4 v-2-2", 2, "p.html#v-2-1"},
		{"2 v-2-1 4 v-2-2", 9, "p.html#v-2-2"},
		{"", 9, "p.html#v-2"},
	} {
		if got := link("p.html#v-2", tc.places, tc.at); got != tc.want {
			t.Errorf("link(%q, %d) = %q, want %q", tc.places, tc.at, got, tc.want)
		}
	}
}
