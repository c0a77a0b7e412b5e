package search

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testDocs is a small site: enough to tell the ranking rules apart.
var testDocs = []Document{
	{ID: "a", URL: "plan/a.html#iv-1", Title: "IV- NHIỆM VỤ", Section: "1. Củng cố tổ chức cơ sở đảng", Kind: "plan",
		Text: "Nâng cao năng lực lãnh đạo của tổ chức cơ sở đảng và chất lượng đội ngũ đảng viên."},
	{ID: "b", URL: "plan/a.html#iv-2", Title: "IV- NHIỆM VỤ", Section: "2. Đăng ký thường trú", Kind: "plan",
		Text: "Đảng viên đi làm ăn xa nơi đăng ký thường trú; đang sinh hoạt tạm thời."},
	{ID: "c", URL: "tasks/x/t1.html", Title: "V.8.5 — Rà soát đảng viên", Kind: "task", Agencies: []string{"huyen"}, Note: "Chủ trì: Huyện ủy",
		Text: "Đưa đảng viên không còn đủ tư cách ra khỏi Đảng theo Chỉ thị số 28-CT/TW, ngày 21/01/2019."},
	{ID: "d", URL: "tasks/y/t9.html", Title: "V.1.9 — Quy định khen thưởng", Kind: "task", Agencies: []string{"ban-to-chuc"},
		Text: "Ban hành Quy định khen thưởng thay cho Quy định số 28-QĐ/TU, ngày 20/12/2018."},
	{ID: "e", URL: "agencies/ubkt.html", Title: "Ủy ban kiểm tra Tỉnh ủy", Section: "UBKT Tỉnh ủy", Kind: "agency", Agencies: []string{"ubkt"}},
	{ID: "f", URL: "plan/b.html#v-3", Title: "V- NHIỆM VỤ CỤ THỂ", Section: "3. Uỷ ban kiểm tra Tỉnh uỷ", Kind: "plan",
		Text: "Tăng cường hướng dẫn uỷ ban kiểm tra cấp dưới; tỷ lệ hoàn thành; hoà giải."},
	{ID: "g", URL: "plan/c.html#ii-2", Title: "II- MỤC TIÊU", Section: "2. Mục tiêu cụ thể", Kind: "plan",
		Text: "Tỉ lệ kết nạp đảng viên mới hằng năm đạt từ 3-4% tổng số đảng viên. Ở đâu có dân thì ở đó có đảng viên."},
	{ID: "h", URL: "plan/d.html#vi-1", Title: "VI- TỔ CHỨC THỰC HIỆN", Kind: "plan",
		Text: "Các đồng chí UBND tỉnh và Hội đồng nhân dân tỉnh theo dõi."},
	{ID: "i", URL: "updates/tin.html", Title: "Tin", Kind: "update", Text: "Đăng tin lên trang; đang làm."},
}

func testIndex(t testing.TB) *Index {
	t.Helper()
	x, err := NewMemory(testDocs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func urls(res *Response) []string {
	out := []string{}
	for _, h := range res.Hits {
		out = append(out, h.URL)
	}
	return out
}

func TestSearchRanking(t *testing.T) {
	x := testIndex(t)
	tests := []struct {
		q     string
		first string // the URL that must come first
		none  []string
	}{
		{"đăng", "plan/a.html#iv-2", nil},                              // exact spelling, in the heading
		{"đăng ký", "plan/a.html#iv-2", nil},                           // and the other way round
		{"dang vien", "tasks/x/t1.html", nil},                          // without diacritics: the heading it covers most
		{"to chuc co so dang", "plan/a.html#iv-1", nil},                // the phrase in the heading
		{"Chỉ thị 28", "tasks/x/t1.html", []string{"tasks/y/t9.html"}}, // document numbers never mix
		{"28-QĐ/TU", "tasks/y/t9.html", []string{"tasks/x/t1.html"}},
		{"quy định 28", "tasks/y/t9.html", []string{"tasks/x/t1.html"}},
		{"ủy ban kiểm tra tỉnh ủy", "agencies/ubkt.html", nil}, // "Uỷ"/"Ủy" are one word
		{"uỷ ban kiểm tra tỉnh uỷ", "agencies/ubkt.html", nil},
		{"UBKT", "agencies/ubkt.html", nil},          // abbreviation → long form
		{"ủy ban nhân dân", "plan/d.html#vi-1", nil}, // long form → abbreviation
		{"tỷ lệ kết nạp", "plan/c.html#ii-2", nil},   // "tỷ"/"tỉ"
		{"hòa giải", "plan/b.html#v-3", nil},         // "hòa"/"hoà"
		{"khen thuongg", "tasks/y/t9.html", nil},     // one letter too many
		{`"ở đâu có dân"`, "plan/c.html#ii-2", nil},  // quoted phrase
		{`"đảng viên đi làm"`, "plan/a.html#iv-2", []string{"plan/a.html#iv-1"}},
	}
	for _, tt := range tests {
		res, err := x.Search(Request{Query: tt.q})
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		got := urls(res)
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("%q: got %v, want %s first", tt.q, got, tt.first)
		}
		for _, u := range tt.none {
			for _, g := range got {
				if g == u {
					t.Errorf("%q: %s must not match (got %v)", tt.q, u, got)
				}
			}
		}
	}
}

func TestSearchFilters(t *testing.T) {
	x := testIndex(t)
	res, err := x.Search(Request{Query: "đảng viên", Kind: "task"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"tasks/x/t1.html"}, urls(res)); diff != "" {
		t.Errorf("kind filter (-want, +got):\n%s", diff)
	}
	res, err = x.Search(Request{Query: "quy định", Agency: "ban-to-chuc"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"tasks/y/t9.html"}, urls(res)); diff != "" {
		t.Errorf("agency filter (-want, +got):\n%s", diff)
	}
	res, err = x.Search(Request{Query: "đảng viên"})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, f := range res.Facets["kind"] {
		kinds[f.Value] = f.Count
	}
	if kinds["plan"] != 3 || kinds["task"] != 1 {
		t.Errorf("kind facet = %v, want plan 3, task 1", res.Facets["kind"])
	}
}

func TestSearchSnippet(t *testing.T) {
	x := testIndex(t)
	res, err := x.Search(Request{Query: "Chỉ thị 28"})
	if err != nil {
		t.Fatal(err)
	}
	want := "… Chỉ thị số <mark>28-CT/TW</mark>, ngày 21/01/2019."
	if len(res.Hits) == 0 || res.Hits[0].Snippet != want {
		t.Errorf("snippet = %+v, want %q", res.Hits, want)
	}
	res, err = x.Search(Request{Query: "đảng"})
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Hits[0].Snippet; !strings.Contains(s, "<mark>đảng</mark>") || strings.Contains(s, "<mark>Đăng") {
		t.Errorf("accented query highlights other spellings: %q", s)
	}
}

// TestSearchBadInput feeds queries that must get a useful answer or a clear
// error, never a panic.
func TestSearchBadInput(t *testing.T) {
	x := testIndex(t)
	ok := []string{"", "   ", `"`, `"đảng viên`, `đảng"`, `""`, "kind:task agency:x", "title:đảng",
		"+đảng -viên", "đảng*", "đảng~2", "(đảng OR viên)", "\x00\x01đảng\x7f", "\xff\xfeđảng", "\u202eđảng",
		strings.Repeat("đ", 300), "28-", "-NQ/TW", "nghị quyết số", "nq", strings.Repeat("a ", 400)}
	for _, q := range ok {
		if _, err := x.Search(Request{Query: q}); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
	bad := []Request{{Query: strings.Repeat("x", 10000)}, {Query: "a", Limit: -1}, {Query: "a", Limit: 1000}, {Query: "a", Kind: "tasks"}, {Query: "a", Agency: "nope"}}
	for _, r := range bad {
		if _, err := x.Search(r); !errors.Is(err, ErrBadQuery) {
			t.Errorf("%.20q limit %d: err = %v, want ErrBadQuery", r.Query, r.Limit, err)
		}
	}
	res, err := x.Search(Request{Query: ""})
	if err != nil || res.Total != 0 || res.Hits == nil || res.Facets["kind"] == nil || res.Facets["agency"] == nil {
		t.Errorf("empty query = %+v, %v; want no hits, an empty list and both facets empty", res, err)
	}
}

func TestQueryItems(t *testing.T) {
	for q, want := range map[string][]string{
		"IV.3.2":                   {"z-iv-3-2"},
		"iv.1.3.6.":                {"z-iv-1-3-6"},
		"IV-3-2":                   {"z-iv-3-2"},
		"iv 3 2":                   {"z-iv-3-2"},
		"mục IV 3.2 chi bộ":        {"z-iv-3-2"},
		"V.1.3 và v.1.4":           {"z-v-1-3", "z-v-1-4"},
		"mục V.1.3 hoặc mục V.1.4": {"z-v-1-3", "z-v-1-4"},
		"IV.3.2 mục":               {"z-iv-3-2"},
		"V5.1":                     {"z-v-5-1"},
		"iv3.2":                    {"z-iv-3-2"},
		"mục 2.3":                  nil,
		"V5":                       nil,
		"phần IV":                  {"z-iv"},
		"Mục II":                   {"z-ii"},
		"quý IV năm 2022":          nil,
		"quý IV 2022":              nil,
		"Quý IV/2022":              nil,
		"21-NQ/TW":                 nil,
		"chi bộ 4 tốt":             nil,
		"ii, 3":                    nil,
	} {
		got, rest := queryItems(q)
		if !slices.Equal(got, want) {
			t.Errorf("queryItems(%q) = %q, want %q", q, got, want)
		}
		if len(got) > 0 && strings.ContainsAny(rest, "3àặ") || strings.Contains(strings.ToLower(rest), "mục") {
			t.Errorf("queryItems(%q) leaves %q", q, rest)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		q       string
		words   []string
		phrases [][]string
		numbers []string
	}{
		{"Chỉ thị số 28 về đảng viên", []string{"ve", "dang", "vien"}, nil, []string{"ct-28"}},
		{"NQ 21", nil, nil, []string{"nq-21"}},
		{"nq21 và KH07", []string{"va"}, nil, []string{"nq-21", "kh-7"}},
		{"abc21 nq21x", []string{"abc21", "nq21x"}, nil, nil},
		{"21-NQ/TW và 35 - HĐ / BTCTW", []string{"va"}, nil, []string{"nq-21-tw", "hd-35-btctw"}},
		{"HD 035", nil, nil, []string{"hd-35"}},
		{`“chi bộ” bốn "tốt"`, []string{"bon"}, [][]string{{"chi", "bo"}, {"tot"}}, nil},
		{`a "b c`, []string{"a", "b", "c"}, nil, nil},
		{"ngày 16/6/2022", []string{"ngay", "16", "6", "2022"}, nil, nil},
	}
	for _, tt := range tests {
		p := parse(tt.q)
		var words []string
		for _, w := range p.words {
			words = append(words, w.Folded)
		}
		var phrases [][]string
		for _, ph := range p.phrases {
			var ws []string
			for _, w := range ph {
				ws = append(ws, w.Folded)
			}
			phrases = append(phrases, ws)
		}
		if diff := cmp.Diff(tt.words, words); diff != "" {
			t.Errorf("%q words (-want, +got):\n%s", tt.q, diff)
		}
		if diff := cmp.Diff(tt.phrases, phrases); diff != "" {
			t.Errorf("%q phrases (-want, +got):\n%s", tt.q, diff)
		}
		if diff := cmp.Diff(tt.numbers, p.numbers); diff != "" {
			t.Errorf("%q numbers (-want, +got):\n%s", tt.q, diff)
		}
	}
}

// TestFunctionWords checks which words of a query it does not require:
// question words and markers by their spelling, "làm" only before "gì",
// "thế" before "nào" and "như" before "thế nào", never a word of a phrase,
// and all of them when the query has nothing else.
func TestFunctionWords(t *testing.T) {
	tests := []struct {
		q    string
		free []string // the words a document needs (most of, for three or more)
	}{
		{"Tỉnh đoàn thực hiện những nhiệm vụ nào", []string{"tinh", "doan", "thuc", "hien", "nhiem", "vu"}},
		{"tinh doan thuc hien nhung nhiem vu nao", []string{"tinh", "doan", "thuc", "hien", "nhiem", "vu"}},
		{"Văn phòng được giao việc gì", []string{"van", "phong", "giao", "viec"}},
		{"tinh doan lam gi", []string{"tinh", "doan"}},
		{"làm việc của cửa hàng", []string{"lam", "viec", "cua", "hang"}}, // "cửa" is not "của"
		{"ở đâu", []string{"o"}},
		{"dau tien", []string{"dau", "tien"}}, // "đầu tiên": "dau" is not read as "đâu"
		{"các", []string{"cac"}},
		{"những gì", []string{"nhung", "gi"}},
		{`"những nhiệm vụ" nào`, nil}, // a phrase is required as typed; "nào" is not
		{"thế nào là chi bộ bốn tốt", []string{"chi", "bo", "bon", "tot"}},
		{"chi bo bon tot nhu the nao", []string{"chi", "bo", "bon", "tot"}},
		{"nhiệm vụ cụ thể nào", []string{"nhiem", "vu", "cu", "the"}}, // "thể" is not "thế"
		{"nhiệm vụ làm việc", []string{"nhiem", "vu", "lam", "viec"}},
		{"làm các việc", []string{"lam", "viec"}},   // "làm" asks only before "gì"
		{"kiem lam la gi", []string{"kiem", "lam"}}, // "lâm" before "là gì"
		{"cu the la gi", []string{"cu", "the"}},     // "thể" before "là gì"
		{"như thế nào là đủ", []string{"du"}},       // "như thế nào" asks
		{"như các năm", []string{"nhu", "nam"}},     // "như" asks only before "thế nào"
		{"Tỉnh đoàn phải làm gì", []string{"tinh", "doan"}},
		{"van phong phai lam gi", []string{"van", "phong"}},
		{"tỷ lệ là bao nhiêu", []string{"ti", "le"}},
		{"bao giờ xong", []string{"xong"}},
		{"bao nhieu", []string{"bao", "nhieu"}}, // a question of nothing else: both needed
		{"báo nhiều", []string{"bao", "nhieu"}}, // "báo", "nhiều": not the question
		{"Ủy ban kiểm tra phải làm những gì", []string{"uy", "ban", "kiem", "tra"}},
		{"làm những việc", []string{"lam", "viec"}},
		{"Ban Dân vận có nhiệm vụ gì trong Kế hoạch này", []string{"ban", "dan", "van", "co", "nhiem", "vu", "trong", "ke", "hoach"}},
		{"ke hoach nay", []string{"ke", "hoach"}},
		{"này", []string{"nay"}},
		{"khi nào xong", []string{"xong"}},
		{"khi có hướng dẫn", []string{"khi", "co", "huong", "dan"}}, // "khi" asks only before "nào"
		{"thời hạn quán triệt nghị quyết", []string{"quan", "triet", "nghi", "quyet"}},
		{"thoi han nop bao cao", []string{"nop", "bao", "cao"}},
		{"thời hạn", []string{"thoi", "han"}},                             // a question of nothing else: both needed
		{"quyền hạn thời gian", []string{"quyen", "han", "thoi", "gian"}}, // not side by side: not the question
	}
	for _, tt := range tests {
		var free []string
		for _, c := range parse(tt.q).clauses("", "", true).free {
			free = append(free, c.term)
		}
		for _, c := range parse(tt.q).clauses("", "", true).must {
			if c.field == "all" {
				free = append(free, c.term)
			}
		}
		if diff := cmp.Diff(tt.free, free); diff != "" {
			t.Errorf("%q required words (-want, +got):\n%s", tt.q, diff)
		}
	}
}

func FuzzSearch(f *testing.F) {
	for _, q := range []string{"đảng viên", `"chi bộ`, "Chỉ thị 28", "21-NQ/TW", "\xff", "a:b", "UBKT"} {
		f.Add(q)
	}
	x := testIndex(f)
	f.Fuzz(func(t *testing.T, q string) {
		res, err := x.Search(Request{Query: q, Limit: 5})
		if err != nil {
			if !errors.Is(err, ErrBadQuery) {
				t.Fatalf("%q: %v", q, err)
			}
			return
		}
		for _, h := range res.Hits {
			if strings.Contains(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Snippet), "<") {
				t.Fatalf("%q: unescaped markup in snippet %q", q, h.Snippet)
			}
		}
	})
}

// TestExactSpellingFirst checks that a query with diacritics puts every
// document with its spelling above those that only share its folded form.
func TestExactSpellingFirst(t *testing.T) {
	x := testIndex(t)
	res, err := x.Search(Request{Query: "đảng", Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	got := urls(res)
	if len(got) < 2 || got[len(got)-1] != "updates/tin.html" {
		t.Errorf(`"đảng": got %v; the page with only "đăng"/"đang" must come last`, got)
	}
}

// snippetOf is the snippet of the one hit of q in an index of a document
// of text alone.
func snippetOf(t *testing.T, text, q string) string {
	t.Helper()
	x, err := NewMemory([]Document{{ID: "a", URL: "a.html", Title: "A", Kind: "plan", Text: text}})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	res, err := x.Search(Request{Query: q})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("%q: %+v, %v", q, res, err)
	}
	return res.Hits[0].Snippet
}

func TestSnippetMarksPhrasesInOrder(t *testing.T) {
	if s := snippetOf(t, "Các bộ chi tiêu; còn chi bộ thì sinh hoạt.", `"chi bộ"`); !strings.Contains(s, "còn <mark>chi bộ</mark> thì") || strings.Contains(s, "<mark>bộ chi") {
		t.Errorf("snippet %q: want the phrase marked in its order only", s)
	}
}

// TestSnippetMarksAbbreviations checks that an abbreviation asked for by
// either form is marked in both, and its long form's words only together.
func TestSnippetMarksAbbreviations(t *testing.T) {
	text := "Chủ tịch UBND xã ban hành quy chế; Ủy ban nhân dân tỉnh lắng nghe nhân dân."
	for _, q := range []string{"ubnd", "UBND xã", "ủy ban nhân dân", `"uỷ ban nhân dân"`} {
		s := snippetOf(t, text, q)
		for _, want := range []string{"<mark>UBND", "<mark>Ủy ban nhân dân</mark>"} {
			if !strings.Contains(s, want) {
				t.Errorf("%q: snippet %q lacks %q", q, s, want)
			}
		}
		for _, alone := range []string{"<mark>ban</mark> hành", "nghe <mark>nhân"} {
			if strings.Contains(s, alone) && (alone == "<mark>ban</mark> hành" || !strings.Contains(q, "nhân dân")) { // "nhân dân" asked for is a run of the query's own
				t.Errorf("%q: snippet %q marks %q, a word of the long form standing alone", q, s, alone)
			}
		}
	}
}

// TestSnippetMarksQueryWordsOnly checks that a snippet highlights the
// query's words and not the words one letter away from them.
func TestSnippetMarksQueryWordsOnly(t *testing.T) {
	for _, q := range []string{"tuyên giáo", "tuyen giao"} {
		s := snippetOf(t, "Thường xuyên tuyên truyền về quyền lợi; luyện tập.", q)
		if !strings.Contains(s, "<mark>tuyên</mark>") {
			t.Errorf("%q: snippet %q does not mark the query's words", q, s)
		}
		for _, near := range []string{"xuyên", "truyền", "quyền", "luyện"} {
			if strings.Contains(s, "<mark>"+near) {
				t.Errorf("%q: snippet %q marks %q, one letter away from a query word", q, s, near)
			}
		}
	}
}

// TestCommonWordsOutnumber: a document needs a query's rare words, not its
// common ones, unless the rare are fewer than a third of the common.
func TestCommonWordsOutnumber(t *testing.T) {
	for _, tc := range []struct {
		q      string
		common int // the first words, in over commonShare of the documents
		free   string
	}{
		{"ban to chuc tinh uy theo", 5, "ban to chuc tinh uy theo"}, // 1 rare beside 5 common: all count
		{"ban to chuc kiem tra", 3, "kiem tra"},                     // 2 beside 3
		{"tinh uy kiem", 2, "kiem"},
	} {
		p := parse(tc.q)
		for i := range tc.common {
			p.words[i].optional = true
		}
		var free []string
		c := p.clauses("", "", true)
		for _, cl := range append(c.free, c.must...) {
			free = append(free, cl.term)
		}
		if strings.Join(free, " ") != tc.free {
			t.Errorf("%q with %d common words: a document needs of %q, want of %q", tc.q, tc.common, free, tc.free)
		}
	}
}

// TestQuarterNumerals: a quarter typed in digits is the plan's Roman one.
func TestQuarterNumerals(t *testing.T) {
	for q, want := range map[string]string{
		"quý 4/2022":     "quy iv 2022",
		"Quý IV/2022":    "quy iv 2022",
		"quy 1 nam 2023": "quy i nam 2023",
		"quý 5":          "quy 5", // no fifth quarter
		"4 quý":          "4 quy", // a number before "quý" is not one
		"quy hoạch 4":    "quy hoach 4",
		"quí 4/2022":     "qui iv 2022", // the old spelling
	} {
		var got []string
		for _, w := range parse(q).words {
			got = append(got, w.Folded)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%q: words %q, want %q", q, got, want)
		}
	}
	var phrase []string
	for _, w := range parse(`"quý 4/2022"`).phrases[0] {
		phrase = append(phrase, w.Folded)
	}
	if got := strings.Join(phrase, " "); got != "quy iv 2022" {
		t.Errorf(`"quý 4/2022" in quotes: %q, want "quy iv 2022"`, got)
	}
}

// TestMeritNumerals: the number of a model's merits in digits is a spelling
// of its word, in queries (quoted or not) and in texts alike, so that either
// finds both.
func TestMeritNumerals(t *testing.T) {
	for q, want := range map[string]string{
		"chi bộ 4 tốt": "chi bo bon tot",
		"chi bo 4 tot": "chi bo bon tot",
		"10 tốt":       "muoi tot",
		"5 tốt":        "5 tot", // "năm" is also "year"
		"11 tốt":       "11 tot",
		"4 tốt hơn 3":  "4 tot hon 3",
		"3 tốt nghiệp": "3 tot nghiep",
		"điều 4":       "dieu 4",
		"quý 4 tốt":    "quy iv tot", // a quarter first
		"4. Tốt":       "4 tot",      // an item, then a word
	} {
		p := parse(q)
		var got []string
		for _, w := range p.words {
			got = append(got, w.Folded)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%q: words %q, want %q", q, got, want)
		}
	}
	if ph := parse(`"chi bộ 4 tốt"`).phrases; len(ph) != 1 || ph[0][2].Folded != "bon" || ph[0][2].Exact != "4" {
		t.Errorf(`"chi bộ 4 tốt" in quotes: %+v, want "4" folded as "bon"`, ph)
	}
	// A text's digit folds alike, its exact form kept; not before a full
	// stop, nor after "quý".
	for text, want := range map[string]string{
		"Tuyên dương chi bộ 4 tốt":  "tuyen duong chi bo bon tot",
		"chi bộ đạt 4 tốt. Hơn nữa": "chi bo dat bon tot hon nua",
		"chi bộ 4 tốt, nhất là":     "chi bo bon tot nhat la",
		"Kết quả quý 4 tốt":         "ket qua quy 4 tot",
		"mục 4. Tốt nghiệp":         "muc 4 tot nghiep",
		"chi bộ 4\ntốt":             "chi bo bon tot",
	} {
		if a := analyse(text); a.line() != want {
			t.Errorf("%q: words %q, want %q", text, a.line(), want)
		}
	}
	if a := analyse("chi bộ 4 tốt"); a.exact[2] != "4" {
		t.Errorf("the digit's exact form: %q, want 4", a.exact[2])
	}
	docs := []Document{
		{ID: "words", URL: "words.html", Title: "Mô hình", Kind: "guidance", Text: "Mô hình chi bộ bốn tốt."},
		{ID: "digits", URL: "digits.html", Title: "Tin", Kind: "update", Text: "Sơ kết chi bộ 4 tốt ở xã."},
		{ID: "year", URL: "year.html", Title: "Tin", Kind: "update", Text: "Năm tốt đẹp, 3 tốt nghiệp."},
	}
	x, err := NewMemory(docs)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for q, want := range map[string][]string{
		"chi bộ 4 tốt":   {"words.html", "digits.html"},
		"chi bộ bốn tốt": {"words.html", "digits.html"},
		`"4 tốt"`:        {"words.html", "digits.html"}, // one spelling of the same words
	} {
		res, err := x.Search(Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if got := urls(res); !slices.Equal(got, want) {
			t.Errorf("%q finds %v, want %v", q, got, want)
		}
	}
}

// TestNumberRanges: two numbers joined by a dash must first stand side by
// side in a document; when none has them so, the query runs without.
func TestNumberRanges(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want [][2]string
	}{
		{"kết nạp 3-4% đảng viên", [][2]string{{"3", "4"}}},
		{"3 – 4", [][2]string{{"3", "4"}}},
		{"3\u00a0-\u00a04", [][2]string{{"3", "4"}}}, // no-break spaces, from a word processor
		{"ngày 21-22/7", [][2]string{{"21", "22"}}},
		{"21-7-2022", nil}, // a date, not a range
		{"2.3", nil},
		{"28-CT/TW", nil}, // a document number
		{`"3-4"`, nil},    // a phrase already
	} {
		if got := parse(tt.q).ranges; !slices.Equal(got, tt.want) {
			t.Errorf("%q: ranges %q, want %q", tt.q, got, tt.want)
		}
	}
	// g, the 3-4 % target, and a section numbered 2.3 whose text has a 4.
	docs := slices.Clone(testDocs)
	docs = append(docs, Document{ID: "j", URL: "plan/a.html#iv-2-3", Title: "IV- NHIỆM VỤ",
		Section: "2.3. Đẩy mạnh công tác kết nạp đảng viên", Kind: "plan", Text: "Kết nạp đảng viên là học sinh, sinh viên; 4 nhóm đối tượng."})
	x, err := NewMemory(docs)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for _, tt := range []struct {
		q     string
		first string
		none  string
	}{
		// The heading "2.3." and the "4" of its text do not make "3-4".
		{"kết nạp 3-4% đảng viên", "plan/c.html#ii-2", "plan/a.html#iv-2-3"},
		{"3-4", "plan/c.html#ii-2", "plan/a.html#iv-2-3"},
		// No document has "2-4": its numbers, anywhere.
		{"kết nạp đảng viên 2-4", "plan/a.html#iv-2-3", ""},
	} {
		res, err := x.Search(Request{Query: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		got := urls(res)
		if len(got) == 0 || got[0] != tt.first || slices.Contains(got, tt.none) {
			t.Errorf("%q: got %v, want %s first and not %q", tt.q, got, tt.first, tt.none)
		}
	}
}

// TestNumberContext: a document number filters a short query and ranks a
// long one, whose other words say what is asked.
func TestNumberContext(t *testing.T) {
	tests := []struct {
		q          string
		must, rank bool
	}{
		{"Chỉ thị 28", true, false},
		{"Chỉ thị 28 đảng viên", true, false},
		{"quy định 28 khen thưởng tổ chức", false, true},
		{"hội nghị quán triệt Nghị quyết 21 ngày nào", false, true},
		{"IV.3.2 NQ 21", false, true}, // the item is asked for, in the plan of NQ 21
	}
	for _, tt := range tests {
		c := parse(tt.q).clauses("", "", true)
		in := func(cs []clause) bool {
			return slices.ContainsFunc(cs, func(c clause) bool { return c.field == "num" })
		}
		if in(c.must) != tt.must || in(c.should) != tt.rank {
			t.Errorf("%q: number required %v, ranked %v; want %v, %v", tt.q, in(c.must), in(c.should), tt.must, tt.rank)
		}
	}
}

// TestSpellingNotes: the response names the query's words that its hits
// hold only in another spelling, or corrected, and those they do not hold.
func TestSpellingNotes(t *testing.T) {
	x := testIndex(t)
	for _, tt := range []struct {
		q                    string
		approximate, missing []string
	}{
		{"hoà giải", nil, nil}, // as the text writes it
		{"hòa giải", nil, nil}, // the same, the tone placed the new way
		{"hoa giai", nil, nil}, // typed without diacritics: any spelling is asked for
		{"hóa giải", []string{"hóa"}, nil},
		{"khen thuongg", []string{"thuongg"}, nil},
		{"khen thưởng", nil, nil},
		{"thưởng ở đâu", nil, nil}, // "đâu" is a function word: no query requires it
		{"Hóa giải và hóa", []string{"Hóa"}, []string{"và"}},
		{"đảng viên nhập", nil, []string{"nhập"}},
		{"UBKT hoà giải", nil, nil},        // the text writes "uỷ ban kiểm tra"
		{"ủy ban kiểm tra UBKT", nil, nil}, // one hit writes "UBKT Tỉnh ủy"
		{"hóa giải nhập", []string{"hóa"}, []string{"nhập"}},
	} {
		res, err := x.Search(Request{Query: tt.q})
		if err != nil || len(res.Hits) == 0 || !slices.Equal(res.Approximate, tt.approximate) || !slices.Equal(res.Missing, tt.missing) {
			t.Errorf("%q: %v, %d hits, approximate %q, missing %q; want %q, %q", tt.q, err, len(res.Hits), res.Approximate, res.Missing, tt.approximate, tt.missing)
		}
	}
}

// TestSpellingNotesAsIndexed: a result holds a word as the index has it,
// in its extra words, through an abbreviation or as a numeral: the word is
// neither missing nor otherwise spelled there.
func TestSpellingNotesAsIndexed(t *testing.T) {
	x, err := NewMemory([]Document{
		{ID: "a", URL: "tasks/a.html", Title: "V.2.1 — Rà soát hồ sơ", Kind: "task", Text: "Rà soát hồ sơ đảng viên.", Extra: "Ban Tuyên giáo Tỉnh ủy"},
		{ID: "b", URL: "plan/b.html", Title: "Giám sát", Kind: "plan", Text: "UBKT giám sát chi bộ."},
		{ID: "c", URL: "guidance/c.html", Title: "Mô hình", Kind: "guidance", Text: "Xây dựng chi bộ 4 tốt."},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for _, q := range []string{"tuyên giáo rà soát", "ủy ban kiểm tra giám sát", "chi bộ bốn tốt"} {
		res, err := x.Search(Request{Query: q})
		if err != nil || len(res.Hits) == 0 || res.Approximate != nil || res.Missing != nil {
			t.Errorf("%q: %v, %d hits, approximate %q, missing %q; want neither", q, err, len(res.Hits), res.Approximate, res.Missing)
		}
	}
}

// TestHitNote: a task's note comes with its result, and is not searched.
func TestHitNote(t *testing.T) {
	x := testIndex(t)
	res, err := x.Search(Request{Query: "rà soát"})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Note != "Chủ trì: Huyện ủy" {
		t.Errorf("rà soát: %v, %+v; want task V.8.5 with its note", err, res.Hits)
	}
	if res, err := x.Search(Request{Query: "chủ trì"}); err != nil || res.Total != 0 {
		t.Errorf("chủ trì: %v, %d hits; want none (notes are not searched)", err, res.Total)
	}
}
