package build

import (
	"bytes"
	"html"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"

	"github.com/kehoach/kehoach/internal/docref"
	"github.com/kehoach/kehoach/internal/vntext"
)

// repoRoot is the site folder of the plan itself.
const repoRoot = "../.."

func buildReal(t *testing.T) (*Result, map[string][]byte) {
	t.Helper()
	res, mem, err := buildDir(t, repoRoot, Options{})
	if err != nil {
		t.Fatalf("building the plan's site: %v", err)
	}
	return res, mem.Files()
}

var (
	hrefRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	idRE   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// TestRealSiteLinks builds the real content/ and follows every link of
// every page: each internal target must be a written file, each anchor an id
// in it, and the pages must carry no escaping artefacts.
func TestRealSiteLinks(t *testing.T) {
	res, files := buildReal(t)
	if len(res.Warnings) > 0 {
		t.Errorf("warnings on the real content:\n%v", res.Warnings)
	}
	ids := map[string]map[string]bool{}
	for name, data := range files {
		if strings.HasSuffix(name, ".html") {
			ids[name] = map[string]bool{}
			for _, m := range idRE.FindAllSubmatch(data, -1) {
				ids[name][html.UnescapeString(string(m[1]))] = true
			}
		}
	}
	checked := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, bad := range []string{"&amp;lt;", "&amp;#", "{{", "}}", "%!", "<nil>", "ZgotmplZ", "\ufffd", "0001-01-01", "01/01/0001"} { // and Go's zero time
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
		for _, m := range hrefRE.FindAllSubmatch(data, -1) {
			checked++
			checkLink(t, files, ids, name, html.UnescapeString(string(m[1])))
		}
	}
	if checked < 1000 {
		t.Errorf("checked only %d links", checked)
	}
}

func checkLink(t *testing.T, files map[string][]byte, ids map[string]map[string]bool, from, link string) {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Errorf("%s: bad link %q", from, link)
		return
	}
	if u.Scheme == "data" && link == "data:," { // the pages' empty icon, which spares the browser a request for /favicon.ico
		return
	}
	if u.Scheme != "" || u.Host != "" {
		t.Errorf("%s: external link %q in a site that must work offline", from, link)
		return
	}
	if strings.HasPrefix(link, "/") {
		t.Errorf("%s: root-absolute link %q breaks under a sub-path", from, link)
		return
	}
	target := from
	if u.Path != "" {
		target = path.Join(path.Dir(from), u.Path)
		if strings.HasSuffix(u.Path, "/") || path.Ext(target) == "" {
			t.Errorf("%s: link %q names a folder; it would not open from a copied folder", from, link)
			return
		}
	}
	if _, ok := files[target]; !ok {
		t.Errorf("%s: link %q: no file %s", from, link, target)
		return
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
		t.Errorf("%s: link %q: %s has no id %q", from, link, target, u.Fragment)
	}
}

// TestRealSiteAgencies checks that every agency named in part V has a page
// listing the tasks it leads, with deadlines, and that every task has a page.
func TestRealSiteAgencies(t *testing.T) {
	res, files := buildReal(t)
	s := res.Site
	if got := len(s.Tasks); got != 35 {
		t.Errorf("%d tasks, want 35 (28 in part V, 3 in part III, 4 in part VI)", got)
	}
	partV := 0
	for _, task := range s.Tasks {
		if strings.HasPrefix(task.ID, "V.") {
			partV++
		}
		if _, ok := files[task.URL()]; !ok {
			t.Errorf("task %s has no page", task.ID)
		}
		for _, a := range task.Leads {
			page := string(files[a.URL()])
			if !strings.Contains(page, ">"+html.EscapeString(task.ID)+"</a>") {
				t.Errorf("agency page %s does not list its task %s", a.URL(), task.ID)
			}
			if !strings.Contains(page, docref.NoBreak(task.Deadline.Text)) { // as the layouts write it, numbers kept whole
				t.Errorf("agency page %s lacks the deadline %q of %s", a.URL(), task.Deadline.Text, task.ID)
			}
		}
	}
	if partV != 28 {
		t.Errorf("%d tasks in part V, want 28", partV)
	}
	heads := map[string]string{ // part V items → the agency that must lead their tasks
		"v-1": "ban-to-chuc", "v-2": "ban-tuyen-giao", "v-3": "uy-ban-kiem-tra", "v-4": "van-phong-tinh-uy",
		"v-5": "ban-dan-van", "v-6": "dang-doan-hdnd", "v-7": "tinh-doan", "v-8": "huyen-thanh-uy",
	}
	for anchor, slug := range heads {
		a := s.Agency(slug)
		if a == nil {
			t.Errorf("no agency %s for part V item %s", slug, anchor)
			continue
		}
		found := false
		for _, task := range append(a.Leads, a.Partners...) {
			found = found || task.PlanRef != nil &&
				(task.PlanRef.Anchor == anchor || strings.HasPrefix(task.PlanRef.Anchor, anchor+"-"))
		}
		if !found {
			t.Errorf("agency %s has no task of part V item %s", slug, anchor)
		}
	}
}

// TestRealSiteReproducible builds the real site twice with the same --now
// and compares every byte.
func TestRealSiteReproducible(t *testing.T) {
	_, a := buildReal(t)
	_, b := buildReal(t)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// planSource is the plan's source text, which ../shared holds beside the
// repository: the tests that compare the site with it skip without it,
// but in CI, which has it.
func planSource(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(repoRoot, "..", "shared", "source", "ke-hoach-nq21.txt"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the plan's source text is missing: %v", err)
		}
		t.Skipf("the plan's source text is not beside the repository: %v", err)
	}
	return src
}

// TestRealSiteFaithful checks that every sentence of the plan's source text
// appears, word for word, in the built plan pages.
func TestRealSiteFaithful(t *testing.T) {
	src := planSource(t)
	_, files := buildReal(t)
	var built strings.Builder
	for name, data := range files {
		if strings.HasPrefix(name, "plan/") {
			built.WriteString(textOf(data))
		}
	}
	text := built.String()
	missing := 0
	for _, sentence := range sentences(vntext.NFC(string(src))) {
		if !strings.Contains(text, sentence) {
			missing++
			if missing <= 5 {
				t.Errorf("missing from the built plan: %q", sentence)
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d sentences of the source are missing", missing)
	}
}

// TestRealSiteTasksQuoteThePlan checks that every task's text is the
// plan's own words: the item of the source it comes from, without the
// deadline in brackets that ends it, and with one full stop (none after an
// ellipsis: "kinh tế trang trại...." was one too many).
func TestRealSiteTasksQuoteThePlan(t *testing.T) {
	src := planSource(t)
	plain := strings.NewReplacer("**", "", "*", "").Replace(vntext.NFC(string(src)))
	source := strings.Join(strings.Fields(plain), " ")
	res, _ := buildReal(t)
	if len(res.Site.Tasks) < 30 {
		t.Fatalf("%d tasks in the plan's site, want about thirty", len(res.Site.Tasks))
	}
	for _, task := range res.Site.Tasks {
		text := strings.TrimSpace(textOf([]byte(task.HTML)))
		quote := text
		switch {
		case strings.HasSuffix(text, "...."):
			t.Errorf("%s: a full stop after an ellipsis: %q", task.ID, text)
		case strings.HasSuffix(text, "..."):
		case strings.HasSuffix(text, "."):
			quote = strings.TrimSuffix(text, ".")
		default:
			t.Errorf("%s: its text does not end with a full stop: %q", task.ID, text)
		}
		if !strings.Contains(source, quote) {
			t.Errorf("%s: its text is not the plan's words: %q", task.ID, quote)
		}
	}
}

var (
	inlineTagRE = regexp.MustCompile(`</?(?:em|strong|a|span|code|del)\b[^>]*>`)
	tagRE       = regexp.MustCompile(`<[^>]*>`)
	itemRE      = regexp.MustCompile(`^(?:- |\d+(?:\.\d+)*\. )`)
	sentenceRE  = regexp.MustCompile(`[.;:]\s`)
)

func textOf(page []byte) string {
	s := inlineTagRE.ReplaceAllString(string(page), "")
	s = html.UnescapeString(tagRE.ReplaceAllString(s, " "))
	return strings.Join(strings.Fields(s), " ") + " "
}

// sentences splits each line of the source into sentences, without list
// markers, item numbers and Markdown emphasis. A sentence that a page break
// split in two gives two pieces, each of which must still be found.
func sentences(src string) []string {
	src = strings.NewReplacer("**", "", "*", "").Replace(src)
	var out []string
	for _, line := range strings.Split(src, "\n") {
		line = itemRE.ReplaceAllString(strings.Join(strings.Fields(line), " "), "")
		for _, s := range sentenceRE.Split(line, -1) {
			if s = strings.TrimSpace(s); len([]rune(s)) >= 3 {
				out = append(out, s)
			}
		}
	}
	return out
}

// TestRealSiteIndicators checks the dashboard of the plan's own site: the
// four targets of part II, each saying it has no figures yet rather than
// charting invented ones.
func TestRealSiteIndicators(t *testing.T) {
	res, files := buildReal(t)
	if got := len(res.Site.Indicators); got != 4 {
		t.Errorf("%d indicators in %s, want the 4 targets of part II", got, "data/indicators.toml")
	}
	page := string(files["dashboard/index.html"])
	if n := strings.Count(page, `<p class="no-data">Chưa có số liệu:`); n != 4 {
		t.Errorf("the dashboard says \"no data yet\" %d times, want 4", n)
	}
	if strings.Contains(page, `<svg class="chart"`) {
		t.Error("the dashboard charts figures that data/indicators.toml does not have")
	}
}

var (
	titleRE  = regexp.MustCompile(`<title>([^<]*)</title>`)
	citedRE  = regexp.MustCompile(`(?s)id="_duoc-neu">Được nêu tại</h2>\s*<ul>(.*?)</ul>`)
	citingRE = regexp.MustCompile(`<li><a href="[^"]*">([^<]*)</a></li>`)
)

// TestRealSiteNoTwins checks that no page's title names the site twice
// ("Kế hoạch … · Kế hoạch …") and that a document's page does not list two
// places that cite it under one name.
func TestRealSiteNoTwins(t *testing.T) {
	_, files := buildReal(t)
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if m := titleRE.FindSubmatch(data); m != nil {
			if a, b, ok := strings.Cut(string(m[1]), " · "); ok && a == b {
				t.Errorf("%s: title %q", name, m[1])
			}
		}
		if m := citedRE.FindSubmatch(data); m != nil {
			seen := map[string]bool{}
			for _, item := range citingRE.FindAllSubmatch(m[1], -1) {
				if label := string(item[1]); seen[label] {
					t.Errorf("%s: two places that cite it are both called %q", name, label)
				} else {
					seen[label] = true
				}
			}
		}
	}
}

// TestRealSitePlanShowsItsTasks checks, on the part pages of the plan's
// own site, that every task's plan_ref leads to the words that assign it
// (its item, or the one paragraph of its heading), and that the part page
// shows there a link to the task.
func TestRealSitePlanShowsItsTasks(t *testing.T) {
	res, files := buildReal(t)
	noted := 0
	for _, task := range res.Site.Tasks {
		ref := task.PlanRef
		if ref == nil || ref.Anchor == "" {
			t.Errorf("%s: its plan_ref names no item of the plan", task.ID)
			continue
		}
		doc, err := nethtml.Parse(bytes.NewReader(files[ref.Target.Path]))
		if err != nil {
			t.Fatal(err)
		}
		region := anchored(doc, ref.Anchor)
		if region == nil {
			t.Errorf("%s: %s has no #%s", task.ID, ref.Target.Path, ref.Anchor)
			continue
		}
		var text bytes.Buffer
		var links []string
		for _, n := range region {
			nodeText(&text, n, &links)
		}
		words := strings.Join(strings.Fields(text.String()), " ")
		quote := strings.TrimSuffix(strings.TrimSpace(textOf([]byte(task.HTML))), ".")
		if !strings.Contains(words, quote) {
			t.Errorf("%s: #%s of %s does not say the task's words %q:\n%s", task.ID, ref.Anchor, ref.Target.Path, quote, words)
		}
		want := "Nhiệm vụ " + task.ID + " → " + path.Base(task.Path)
		if slices.Contains(links, want) {
			noted++
		} else {
			t.Errorf("%s: #%s of %s links to %q, want %q among them", task.ID, ref.Anchor, ref.Target.Path, links, want)
		}
	}
	if noted < 30 {
		t.Errorf("%d tasks noted in the plan's text, want about thirty", noted)
	}
}

// anchored is the element with the id, or for a heading the blocks of its
// section up to the next heading.
func anchored(n *nethtml.Node, id string) []*nethtml.Node {
	for _, a := range n.Attr {
		if a.Key == "id" && a.Val == id {
			if !headingTags[n.Data] {
				return []*nethtml.Node{n}
			}
			var out []*nethtml.Node
			for s := n.NextSibling; s != nil && !headingTags[s.Data]; s = s.NextSibling {
				out = append(out, s)
			}
			return out
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if found := anchored(c, id); found != nil {
			return found
		}
	}
	return nil
}

var headingTags = map[string]bool{"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true}

// nodeText appends the text of n, and the links in it as "text → file".
func nodeText(b *bytes.Buffer, n *nethtml.Node, links *[]string) {
	if n.Type == nethtml.TextNode {
		b.WriteString(n.Data)
		return
	}
	if n.Type == nethtml.ElementNode && n.Data == "a" {
		var inner bytes.Buffer
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			nodeText(&inner, c, links)
		}
		for _, a := range n.Attr {
			if a.Key == "href" {
				*links = append(*links, strings.Join(strings.Fields(inner.String()), " ")+" → "+path.Base(a.Val))
			}
		}
		b.Write(inner.Bytes())
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		nodeText(b, c, links)
	}
}
