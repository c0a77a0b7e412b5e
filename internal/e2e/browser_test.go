package e2e

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"io/fs"
	"math"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/build"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/serve"
	"github.com/kehoach/kehoach/internal/source"
)

var now = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// buildPlan builds the plan's site into a new folder and returns it.
func buildPlan(t testing.TB, withSearch bool) string {
	t.Helper()
	return buildSite(t, os.DirFS("../.."), withSearch)
}

// buildSite builds site into a new folder and returns it.
func buildSite(t testing.TB, site fs.FS, withSearch bool) string {
	t.Helper()
	return buildOn(t, site, withSearch, now)
}

// buildOn builds site as of day into a new folder and returns it.
func buildOn(t testing.TB, site fs.FS, withSearch bool, day time.Time) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	sink, err := output.NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	opt := build.Options{Site: site, Defaults: kehoach.Defaults(), Now: day, NoSearch: !withSearch}
	if _, err := build.Build(opt, sink); err != nil {
		t.Fatal(err)
	}
	if err := sink.Commit(); err != nil {
		t.Fatal(err)
	}
	return dest
}

// siteURL builds the plan's site with its index and serves it on loopback.
func siteURL(t *testing.T) string {
	t.Helper()
	dest := buildPlan(t, true)
	h := serve.New(dest)
	srv := httptest.NewServer(serve.Wrap(h, serve.Options{})) // as in production: CSP, gzip, ETags
	t.Cleanup(func() { srv.Close(); h.Close() })
	return srv.URL + "/"
}

// browser starts headless chromium and returns a tab's context and a func
// that reports the page's uncaught exceptions and console errors so far.
func browser(t testing.TB) (context.Context, func() []string) {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("KEHOACH_BROWSER") == "required" {
			t.Fatal("chromium is required (KEHOACH_BROWSER=required) but not installed")
		}
		t.Skip("browser tests need Debian's chromium: apt-get install chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	var mu sync.Mutex
	var problems []string
	exceptions := chromedp.Events(ctx, runtime.ExceptionThrown)
	console := chromedp.Events(ctx, runtime.ConsoleAPICalled)
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			mu.Lock()
			problems = append(problems, (&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
			mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range console {
			if err != nil {
				return
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				mu.Lock()
				problems = append(problems, "console."+string(ev.Type))
				mu.Unlock()
			}
		}
	}()
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), problems...)
	}
}

func run[T any](t testing.TB, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// TestSearchPage types queries as a reader would, follows a result with the
// keyboard, and checks that it lands on the highlighted section.
func TestSearchPage(t *testing.T) {
	base := siteURL(t)
	ctx, problems := browser(t)
	run(t, ctx, "open the home page", chromedp.Steps(
		chromedp.Navigate(base+"index.html"),
		chromedp.SendKeys("#site-q", "chi bo bon tot\n"),
		chromedp.WaitVisible("#search-results li"),
	))
	first := run(t, ctx, "first result", chromedp.Text("#search-results li a.result-title"))
	if !strings.Contains(first, "chi bộ bốn tốt") {
		t.Errorf(`"chi bo bon tot": first result %q`, first)
	}
	snippet := run(t, ctx, "snippet", chromedp.Evaluate[string](`document.querySelector("#search-results .snippet mark").textContent`))
	if snippet == "" {
		t.Error("no highlighted word in the first snippet")
	}
	// Behind kehoach serve, api/search.js says the API is there: the page asks it.
	asked := run(t, ctx, "API requests", chromedp.Evaluate[bool](
		`performance.getEntriesByType("resource").some(e => new URL(e.name).pathname.endsWith("/api/search"))`))
	if !asked {
		t.Error("the page behind kehoach serve did not ask the search API")
	}

	// Type a new query: results follow as you type.
	run(t, ctx, "clear the box", chromedp.Evaluate[bool](`(document.querySelector("#search-q").value = "", true)`))
	run(t, ctx, "type a new query", chromedp.Steps(
		chromedp.SendKeys("#search-q", "Chỉ thị 28"),
		chromedp.Poll[chromedp.Void](`document.querySelector("#search-status").textContent.startsWith("2 kết quả")`),
	))
	if label := run(t, ctx, "its label", chromedp.Text("#search-results li a.result-title")); !strings.HasSuffix(label, "› V.8.5") {
		t.Errorf("the first result for Chỉ thị 28 reads %q, want it to name the bullet V.8.5", label)
	}
	// Keyboard: ↓ reaches the first result, Enter follows it.
	run(t, ctx, "follow the first result", chromedp.Steps(
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.Poll[chromedp.Void](`document.activeElement.classList.contains("result-title")`),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitReady("body.kind-part"),
	))
	// The result is section V.8, whose fifth bullet cites Chỉ thị 28: it
	// leads to that bullet, and says so.
	if hash := run(t, ctx, "address", chromedp.Evaluate[string](`location.hash`)); hash != "#v-8-5" {
		t.Errorf("landed on %q, want #v-8-5", hash)
	}
	target := run(t, ctx, "the bullet", chromedp.Evaluate[string](`(document.querySelector(":target")||{}).id || ""`))
	if target != "v-8-5" {
		t.Errorf("landed on :target %q, want v-8-5", target)
	}
	bg := run(t, ctx, "highlight", chromedp.Evaluate[string](`getComputedStyle(document.querySelector(":target")).backgroundColor`))
	if bg == "rgba(0, 0, 0, 0)" || bg == "" {
		t.Errorf("the section is not highlighted on arrival (background %q)", bg)
	}

	// A filter narrows to one agency's tasks.
	run(t, ctx, "filter", chromedp.Steps(
		chromedp.Navigate(base+"search/index.html?q=thuong+xuyen&kind=task&agency=ban-tuyen-giao"),
		chromedp.WaitVisible("#search-results li"),
	))
	n := run(t, ctx, "count", chromedp.Evaluate[int](`document.querySelectorAll("#search-results li").length`))
	status := run(t, ctx, "status", chromedp.Text("#search-status"))
	if n != 2 || !strings.HasPrefix(status, "2 kết quả") {
		t.Errorf("tasks of Ban Tuyên giáo done regularly: %d results, status %q; want 2", n, status)
	}
	checkMoreResults(t, ctx, base+"search/index.html")
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestPhoneWidth loads each kind of page at 360×740 and checks that nothing
// overflows horizontally.
func TestPhoneWidth(t *testing.T) {
	base := siteURL(t)
	ctx, problems := browser(t)
	run(t, ctx, "viewport", chromedp.EmulateViewport(360, 740))
	for _, page := range []string{"index.html", "plan/index.html", "plan/05-nhiem-vu-cu-the.html",
		"agencies/ban-to-chuc.html", "tasks/ban-to-chuc/t01.html", "deadlines/index.html", "dashboard/index.html",
		"guidance/chi-bo-bon-tot.html", "updates/index.html", "search/index.html?q=dang+vien"} {
		run(t, ctx, page, chromedp.Navigate(base+page))
		over := run(t, ctx, page, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
		if over > 0 {
			t.Errorf("%s overflows a 360 px screen by %d px", page, over)
		}
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestPhoneWidthPhoto opens an update with a camera's photo, far wider than
// a phone, at 360×740: the photo shrinks to the screen, keeping its shape.
func TestPhoneWidthPhoto(t *testing.T) {
	var photo bytes.Buffer
	if err := png.Encode(&photo, image.NewGray(image.Rect(0, 0, 1600, 1200))); err != nil {
		t.Fatal(err)
	}
	site := source.Overlay{fstest.MapFS{
		"content/updates/2026/hoi-nghi.md":  {Data: []byte("+++\ntitle = \"Hội nghị\"\ndate = 2026-11-01\n+++\n![Toàn cảnh hội nghị](hoi-nghi.png)\n")},
		"content/updates/2026/hoi-nghi.png": {Data: photo.Bytes()},
	}, os.DirFS("../..")}
	dest := buildSite(t, site, false)
	ctx, problems := browser(t)
	run(t, ctx, "viewport", chromedp.EmulateViewport(360, 740))
	run(t, ctx, "open", chromedp.Navigate(folderURL(dest, "updates/2026/hoi-nghi.html")))
	if over := run(t, ctx, "overflow", chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`)); over > 0 {
		t.Errorf("the update overflows a 360 px screen by %d px", over)
	}
	size := run(t, ctx, "photo", chromedp.Evaluate[[]float64](`(i => [i.getBoundingClientRect().width, i.getBoundingClientRect().height])(document.querySelector("main img"))`))
	if len(size) != 2 || size[0] > 360 || size[0] < 200 || math.Abs(size[1]/size[0]-0.75) > 0.01 {
		t.Errorf("the photo is shown %v px, want at most 360 px wide and 3:4", size)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestSearchFirstScreen searches on a phone's screen, 360 × 740: the first
// result is on the first screen, below the search box, rather than below
// the header's second search box, the filters and rows of filter buttons
// (at 778 px for "chi bo bon tot", 1,275 px for "Ban to chuc", before).
func TestSearchFirstScreen(t *testing.T) {
	base := siteURL(t)
	ctx, _ := browser(t)
	run(t, ctx, "viewport", chromedp.EmulateViewport(360, 740))
	for _, q := range []string{"chi+bo+bon+tot", "Ban+to+chuc"} {
		run(t, ctx, q, chromedp.Navigate(base+"search/index.html?q="+q))
		// waitTrue, not Poll, which fails when it starts in the document
		// before (seen once under load: "Cannot find context").
		if !waitTrue(ctx, `!!document.querySelector("#search-results li")`, 10*time.Second) {
			t.Fatalf("%s: no result", q)
		}
		top := run(t, ctx, q, chromedp.Evaluate[int](`Math.round(document.querySelector("#search-results li").getBoundingClientRect().top + scrollY)`))
		if top > 740-80 {
			t.Errorf("%s: the first result starts at %d px, below a 740 px screen's first", q, top)
		}
	}
	// A filter that leaves nothing keeps a way to clear it: its button.
	run(t, ctx, "a filter that finds nothing", chromedp.Navigate(base+"search/index.html?q=chi+bo+bon+tot&kind=update"))
	pressed := run(t, ctx, "a filter that finds nothing", chromedp.Poll[string](`(b => b && b.offsetParent !== null && b.textContent)(document.querySelector('.facet button[aria-pressed="true"]'))`))
	if !strings.Contains(pressed, "(0)") {
		t.Errorf("the filter that finds nothing shows %q, want its button with (0)", pressed)
	}
}

// TestPartOnPhone reads part V on a phone from a task's link: the task's
// bullet is at the top of the screen with its state, and a link back to
// the part's table of contents stays in view, which leads there.
func TestPartOnPhone(t *testing.T) {
	base := siteURL(t)
	ctx, _ := browser(t)
	run(t, ctx, "viewport", chromedp.EmulateViewport(360, 740))
	run(t, ctx, "open task V.3.2", chromedp.Navigate(base+"tasks/uy-ban-kiem-tra/t02.html"))
	href := run(t, ctx, "its link into the plan", chromedp.Evaluate[string](`[...document.querySelectorAll("dt")].find(d => d.textContent === "Trong Kế hoạch").nextElementSibling.querySelector("a").href`))
	run(t, ctx, "follow it", chromedp.Navigate(href))
	item := run(t, ctx, "the task's item", chromedp.Poll[string](`(e => e && location.hash === "#v-3-2" && Math.abs(e.getBoundingClientRect().top) < 40 &&
		e.querySelector(".plan-note") && e.querySelector(".plan-note").innerText)(document.getElementById("v-3-2"))`))
	if !strings.Contains(item, "Nhiệm vụ V.3.2") || !strings.Contains(item, "Quá hạn") {
		t.Errorf("the item of V.3.2 notes %q, want the task and its state (Quá hạn on 27/11/2026)", item)
	}
	bottom := run(t, ctx, "back to contents", chromedp.Evaluate[float64](`document.querySelector(".to-toc a").getBoundingClientRect().bottom`))
	if bottom <= 0 || bottom > 740 {
		t.Errorf("the link back to the contents is at %.0f px, out of a 740 px screen", bottom)
	}
	run(t, ctx, "go back to contents", chromedp.Click(`.to-toc a`))
	top := run(t, ctx, "contents", chromedp.Poll[float64](`(r => location.hash === "#_muc-luc" && r.top)(document.getElementById("_muc-luc").getBoundingClientRect())`))
	if top < -1 || top > 80 {
		t.Errorf("the contents start at %.0f px after the link back to them", top)
	}
}

// TestLargeText reads the site as on a 360 × 740 phone at 200 % zoom (180
// × 370 CSS pixels): the header leaves most of the first screen to the
// page, and the tables of numbers show their numbers.
func TestLargeText(t *testing.T) {
	base := siteURL(t)
	ctx, _ := browser(t)
	run(t, ctx, "viewport", chromedp.EmulateViewport(180, 370))
	run(t, ctx, "home", chromedp.Navigate(base+"index.html"))
	if h := run(t, ctx, "header", chromedp.Evaluate[float64](`document.querySelector(".site-header").getBoundingClientRect().height`)); h > 370/2 {
		t.Errorf("the header is %.0f px of a 370 px screen", h)
	}
	if w := run(t, ctx, "page width", chromedp.Evaluate[float64](`document.documentElement.scrollWidth`)); w > 180 {
		t.Errorf("the home page is %.0f px wide on a 180 px screen", w)
	}
	// The menu scrolls sideways there: a section's page brings its entry into view.
	run(t, ctx, "dashboard's menu", chromedp.Navigate(base+"dashboard/index.html"))
	entry := run(t, ctx, "its entry", chromedp.Poll[[]float64](`(a => a && document.readyState === "complete" &&
		[a.getBoundingClientRect().left, a.getBoundingClientRect().right])(document.querySelector('.site-nav a[aria-current]'))`))
	if entry[0] < 0 || entry[1] > 180 {
		t.Errorf("the dashboard's menu entry is at %.0f–%.0f px, off a 180 px screen", entry[0], entry[1])
	}
	run(t, ctx, "agencies", chromedp.Navigate(base+"agencies/index.html"))
	right := run(t, ctx, "partners' column", chromedp.Evaluate[float64](`[...document.querySelectorAll(".agency-table thead th")].pop().getBoundingClientRect().right`))
	if right > 180 {
		t.Errorf("the agencies' last column ends at %.0f px, off a 180 px screen", right)
	}
	run(t, ctx, "dashboard", chromedp.Navigate(base+"dashboard/index.html"))
	right = run(t, ctx, "first number", chromedp.Evaluate[float64](`document.querySelector(".tally tbody td").getBoundingClientRect().right`))
	if right > 180 {
		t.Errorf("the dashboard's first number ends at %.0f px, off a 180 px screen", right)
	}
	// Each row's bar is beside its name, not in a last column off the screen.
	bars := run(t, ctx, "bars", chromedp.Evaluate[[]float64](`[...document.querySelectorAll(".tally tbody tr")].map(r => { const b = r.querySelector("svg.bar"); return b ? b.getBoundingClientRect().right : 1e9; })`))
	for i, r := range bars {
		if r > 180 {
			t.Errorf("the dashboard's bar %d ends at %.0f px, off a 180 px screen", i+1, r)
			break
		}
	}
}

// TestPrint prints an agency page: navigation and search are hidden; the
// tasks are not, nor the footer's day the states are of; and the
// dashboard's tables print whole, not cut at the paper's edge.
func TestPrint(t *testing.T) {
	base := siteURL(t)
	ctx, _ := browser(t)
	run(t, ctx, "open an agency", chromedp.Navigate(base+"agencies/ban-to-chuc.html"))
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	shown := run(t, ctx, "print", chromedp.Evaluate[[]string](`["header.site-header", "nav.site-nav", ".site-search"]
		.filter(s => { const e = document.querySelector(s); return e && getComputedStyle(e).display !== "none"; })`))
	if len(shown) > 0 {
		t.Errorf("printing an agency page shows %v", shown)
	}
	tasks := run(t, ctx, "print", chromedp.Evaluate[int](`document.querySelectorAll(".task").length`))
	if tasks == 0 {
		t.Error("printing an agency page shows no task")
	}
	asOf := run(t, ctx, "print", chromedp.Evaluate[string](`(e => e && e.offsetParent !== null ? e.textContent : "")(document.querySelector(".as-of"))`))
	if !strings.Contains(asOf, "27/11/2026") {
		t.Errorf("printing an agency page leaves out the day its states are of (%q)", asOf)
	}
	run(t, ctx, "the dashboard, on A4 paper", chromedp.EmulateViewport(718, 1000))
	run(t, ctx, "open the dashboard", chromedp.Navigate(base+"dashboard/index.html"))
	cut := run(t, ctx, "print", chromedp.Evaluate[[]string](`[...document.querySelectorAll("table")]
		.filter(t => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > innerWidth + 1)
		.map(t => t.className + " " + t.scrollWidth + " > " + t.clientWidth)`))
	if len(cut) > 0 {
		t.Errorf("printing the dashboard cuts tables at the paper's edge: %v", cut)
	}
	// The key of the bars' colours prints in colour: browsers leave the
	// backgrounds out unless a rule asks.
	keys := run(t, ctx, "print", chromedp.Evaluate[[]string](`[...document.querySelectorAll(".legend .swatch")].map(s => getComputedStyle(s).printColorAdjust)`))
	if len(keys) == 0 || slices.ContainsFunc(keys, func(k string) bool { return k != "exact" }) {
		t.Errorf("printing the dashboard: its key's colours adjust %q, want them exact", keys)
	}
}

// TestNotFoundPage opens a missing page deep in the site behind kehoach
// serve: the site's own 404 page, styled, its links leading into the site.
func TestNotFoundPage(t *testing.T) {
	base := siteURL(t)
	ctx, _ := browser(t) // the missing page's own 404 is logged: not a page error here
	run(t, ctx, "open a missing page", chromedp.Navigate(base+"tasks/nope/x.html"))
	if h1 := run(t, ctx, "heading", chromedp.Text("h1")); h1 != "Không tìm thấy trang" {
		t.Errorf("heading %q", h1)
	}
	styled := run(t, ctx, "stylesheet", chromedp.Evaluate[bool](`[...document.styleSheets].some(s => s.cssRules.length > 0)`))
	if !styled {
		t.Error("the 404 page has no stylesheet")
	}
	home := run(t, ctx, "link", chromedp.Evaluate[string](`[...document.querySelectorAll("main a")].find(a => a.textContent === "Đọc Kế hoạch").href`))
	if home != base+"plan/index.html" {
		t.Errorf("Đọc Kế hoạch leads to %s, want %splan/index.html", home, base)
	}
}
