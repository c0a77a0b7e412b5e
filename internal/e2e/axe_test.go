package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/kehoach/kehoach/internal/serve"
	"github.com/kehoach/kehoach/internal/source"
)

// violation is what axe-core reports of one broken rule.
type violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  int    `json:"nodes"`
}

// TestAccessibility runs axe-core (npm's axe-core, whose axe.min.js
// KEHOACH_AXE names) on every kind of page and fails on any serious or
// critical violation. The plan's site is given what it lacks of the page
// kinds: a published update, and the awaited guidance of a task.
func TestAccessibility(t *testing.T) {
	axePath := os.Getenv("KEHOACH_AXE")
	if axePath == "" {
		if os.Getenv("KEHOACH_BROWSER") == "required" {
			t.Fatal("KEHOACH_AXE must name axe-core's axe.min.js (npm install axe-core)")
		}
		t.Skip("set KEHOACH_AXE to axe-core's axe.min.js (npm install axe-core) to check accessibility")
	}
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	site := source.Overlay{fstest.MapFS{
		"content/updates/2026/so-ket.md":   {Data: []byte("+++\ntitle = \"Sơ kết mô hình chi bộ bốn tốt\"\ndate = 2026-11-01\nagency = \"ban-to-chuc\"\n+++\nCác chi bộ đã sơ kết.\n")},
		"content/documents/12-hd-btctw.md": {Data: []byte("+++\ntitle = \"Hướng dẫn số 12-HD/BTCTW\"\ndate = 2026-09-01\nanswers = [\"V.1.5\"]\nreplaces = [\"35-HĐ/BTCTW\"]\n+++\nVề quy chế làm việc mẫu.\n")},
	}, os.DirFS("../..")}
	h := serve.New(buildSite(t, site, true))
	srv := httptest.NewServer(serve.Wrap(h, serve.Options{}))
	t.Cleanup(func() { srv.Close(); h.Close() })
	base := srv.URL + "/"
	ctx, _ := browser(t)
	pages := []string{"index.html", "plan/index.html", "plan/05-nhiem-vu-cu-the.html", "guidance/index.html",
		"guidance/chi-bo-bon-tot.html", "agencies/index.html", "agencies/ban-to-chuc.html", "tasks/index.html",
		"tasks/ban-to-chuc/t01.html", "tasks/ban-to-chuc/t05.html", "deadlines/index.html", "dashboard/index.html",
		"updates/index.html", "updates/2026/so-ket.html", "documents/index.html", "documents/12-hd-btctw.html",
		"documents/35-hd-btctw.html", "search/index.html?q=chi+bo+bon+tot", "404.html"}
	for _, page := range pages {
		if code := status(t, base+page); code != 200 && page != "404.html" {
			t.Errorf("%s answers %d", page, code)
		}
	}
	// Each page in the light theme, then in the dark one that a phone set
	// to it asks for (prefers-color-scheme).
	for _, scheme := range []string{"light", "dark"} {
		features := []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: features}); err != nil {
			t.Fatal(err)
		}
		for _, page := range pages {
			checkPage(t, ctx, axe, base, page, scheme)
		}
		bg := run(t, ctx, "background", chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
		if dark := bg == "rgb(21, 24, 30)"; dark != (scheme == "dark") {
			t.Errorf("in the %s scheme the pages' background is %s", scheme, bg)
		}
		// The skip link shows only once focused, over the header, where axe
		// cannot tell its background ("incomplete"): its contrast is
		// measured here.
		ratio := run(t, ctx, "skip link", chromedp.Evaluate[float64](`(s => {
			s.focus();
			const lum = c => { const [r, g, b] = c.match(/\d+/g).slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
			const st = getComputedStyle(s), a = lum(st.color), b = lum(st.backgroundColor);
			return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
		})(document.querySelector(".skip"))`))
		if ratio < 4.5 {
			t.Errorf("in the %s scheme the focused skip link's contrast is %.2f:1, want 4.5:1 at least", scheme, ratio)
		}
	}
}

// checkPage runs axe on a page in a colour scheme.
func checkPage(t *testing.T, ctx context.Context, axe []byte, base, page, scheme string) {
	t.Helper()
	name := page + " (" + scheme + ")"
	run(t, ctx, name, chromedp.Navigate(base+page))
	if strings.HasPrefix(page, "search/") {
		run(t, ctx, "results", chromedp.WaitVisible("#search-results li"))
	}
	run(t, ctx, "axe", chromedp.Evaluate[bool](string(axe)+";true"))
	found := run(t, ctx, "axe.run", chromedp.Evaluate[[]violation](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
		r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.length})))`, chromedp.EvalAwaitPromise))
	for _, v := range found {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("%s: %s (%s, %d elements): %s", name, v.ID, v.Impact, v.Nodes, v.Help)
		} else {
			t.Logf("%s: %s (%s, %d elements): %s", name, v.ID, v.Impact, v.Nodes, v.Help)
		}
	}
}

func status(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
