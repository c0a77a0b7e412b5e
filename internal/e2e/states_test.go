package e2e

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// fakeToday makes the page's clock say 15 January 2030.
var fakeToday = fakeClock(2030, 1, 15)

// fakeClock is a script that makes the page's clock say the given day.
func fakeClock(year int, month time.Month, day int) string {
	return fmt.Sprintf(`(() => {
	const Real = Date;
	const fixed = new Real(%d, %d, %d, 10, 0, 0).getTime();
	window.Date = class extends Real {
		constructor(...a) { if (a.length) super(...a); else super(fixed); }
		static now() { return fixed; }
	};
})();`, year, month-1, day)
}

// TestAlsoDueSoonToday opens, on 10 December 2029, the plan's deadlines
// page built as of 1 June 2022: under "Sắp đến hạn" it names the yearly
// tasks overdue for want of a 2028 report whose 2029 window ends within
// the due-soon span, as the page built as of that day does.
func TestAlsoDueSoonToday(t *testing.T) {
	const read = `(p => p.hidden ? [] : [...p.querySelectorAll(".ids a")].map(a => a.textContent + " " + a.getAttribute("href")))(document.querySelector(".also-due-soon"))`
	later := buildOn(t, os.DirFS("../.."), false, time.Date(2029, 12, 10, 0, 0, 0, 0, time.UTC))
	ctx, problems := browser(t)
	run(t, ctx, "the page built that day", chromedp.Navigate(folderURL(later, "deadlines/index.html")))
	want := run(t, ctx, "named", chromedp.Evaluate[[]string](read))
	if !slices.ContainsFunc(want, func(s string) bool { return strings.HasPrefix(s, "V.1.3 ") }) {
		t.Fatalf("built as of 10/12/2029, the deadlines page names %q under Sắp đến hạn; want V.1.3 (due 31/12/2029, 2028 unreported) among them", want)
	}
	dest := buildOn(t, os.DirFS("../.."), false, time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC))
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fakeClock(2029, 12, 10)}); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "the page built in 2022", chromedp.Navigate(folderURL(dest, "deadlines/index.html")))
	if got := run(t, ctx, "named", chromedp.Evaluate[[]string](read)); !slices.Equal(got, want) {
		t.Errorf("on 10/12/2029 the page built in 2022 names %q, the page built that day %q", got, want)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestStatesToday opens, on 15 January 2030, the plan built as of 1 June
// 2022: tasks whose window has passed since then are overdue in the browser,
// on the deadlines page (moved to their group, counts updated), on their
// own page, and the pages say the states were computed again.
func TestStatesToday(t *testing.T) {
	dest := buildOn(t, os.DirFS("../.."), false, time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC))
	built, err := os.ReadFile(dest + "/deadlines/index.html")
	if err != nil {
		t.Fatal(err)
	}
	builtOverdue := strings.Count(string(built), `<li class="task state-overdue">`)
	ctx, problems := browser(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fakeToday}); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "open the deadlines page", chromedp.Navigate(folderURL(dest, "deadlines/index.html")))
	type group struct {
		Slug    string   `json:"slug"`
		Count   string   `json:"count"`
		Rows    int      `json:"rows"`
		Badges  []string `json:"badges"`
		Windows []string `json:"windows"`
		IDs     []string `json:"ids"`
	}
	const readGroups = `[...document.querySelectorAll("section.task-group")].map(g => ({
		slug: [...g.classList].find(c => c.startsWith("group-")).slice(6),
		count: (g.querySelector(".count") || {}).textContent || "",
		rows: g.querySelectorAll("li.task").length,
		badges: [...g.querySelectorAll("li.task .badge")].map(b => b.textContent),
		windows: [...g.querySelectorAll("li.task .badge[data-window]")].map(b => b.dataset.window),
		ids: [...g.querySelectorAll("li.task a.task-id")].map(a => a.textContent),
	}))`
	groups := run(t, ctx, "groups", chromedp.Evaluate[[]group](readGroups))
	// The day each task is due by: a yearly task's of this year's window.
	const readEnds = `Object.fromEntries([...document.querySelectorAll("li.task")].filter(r => r.querySelector("time.next-end"))
		.map(r => [r.querySelector("a.task-id").textContent, r.querySelector("time.next-end").textContent]))`
	ends := run(t, ctx, "due days", chromedp.Evaluate[map[string]string](readEnds))
	// The years no report speaks of, where the rows list them.
	const readUnreported = `Object.fromEntries([...document.querySelectorAll("li.task")].filter(r => r.querySelector(".unreported"))
		.map(r => [r.querySelector("a.task-id").textContent, (u => u.hidden ? "" : u.textContent)(r.querySelector(".unreported"))]))`
	unreported := run(t, ctx, "unreported years", chromedp.Evaluate[map[string]string](readUnreported))
	if !strings.Contains(unreported["V.1.3"], "2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029") {
		t.Errorf("V.1.3 on 15/01/2030 lists as unreported %q, want 2022 to 2029", unreported["V.1.3"])
	}
	if ends["V.1.3"] != "31/12/2030" {
		t.Errorf("V.1.3 (each fourth quarter) is due by %q on 15/01/2030, want 31/12/2030", ends["V.1.3"])
	}
	overdue := 0
	for _, g := range groups {
		if g.Count != "("+strconv.Itoa(g.Rows)+")" {
			t.Errorf("group %s: heading says %s, holds %d", g.Slug, g.Count, g.Rows)
		}
		// A yearly task is overdue when its last year has no report
		// (" reported:…" lacks 2029, for the plan's windows, which end
		// in December); the others, when their window has passed.
		for _, w := range g.Windows {
			end, yearly := strings.Fields(w)[1], strings.Contains(w, "yearly")
			late := end < "2030-01-15"
			if yearly {
				_, reported, _ := strings.Cut(w, " reported:")
				late = !slices.Contains(strings.Split(reported, ","), "2029")
			}
			if (g.Slug == "overdue") != late {
				t.Errorf("a task of window %s is in group %s on 2030-01-15", w, g.Slug)
			}
		}
		if g.Slug == "overdue" {
			overdue = g.Rows
			for _, b := range g.Badges {
				if b != "Quá hạn" {
					t.Errorf("an overdue task's badge says %q", b)
				}
			}
		}
	}
	if overdue <= builtOverdue {
		t.Errorf("%d overdue tasks on 2030-01-15, %d on 2022-06-01: nothing was computed again", overdue, builtOverdue)
	}
	// The same page built as of that day has the same groups, in the same order.
	later := buildOn(t, os.DirFS("../.."), false, time.Date(2030, 1, 15, 0, 0, 0, 0, time.UTC))
	run(t, ctx, "open the later build", chromedp.Navigate(folderURL(later, "deadlines/index.html")))
	want := run(t, ctx, "groups", chromedp.Evaluate[[]group](readGroups))
	if wantEnds := run(t, ctx, "due days", chromedp.Evaluate[map[string]string](readEnds)); !maps.Equal(ends, wantEnds) {
		t.Errorf("due days in the browser %v; built as of 2030-01-15: %v", ends, wantEnds)
	}
	if want := run(t, ctx, "unreported years", chromedp.Evaluate[map[string]string](readUnreported)); !maps.Equal(unreported, want) {
		t.Errorf("unreported years in the browser %v; built as of 2030-01-15: %v", unreported, want)
	}
	for i := range want {
		if i >= len(groups) || !slices.Equal(groups[i].IDs, want[i].IDs) {
			t.Errorf("group %s in the browser: %v; built as of 2030-01-15: %v", want[i].Slug, groups[min(i, len(groups)-1)].IDs, want[i].IDs)
		}
	}
	run(t, ctx, "back", chromedp.Navigate(folderURL(dest, "deadlines/index.html")))
	asOf := run(t, ctx, "as of", chromedp.Text("p.as-of"))
	if !strings.Contains(asOf, "01/06/2022") || !strings.Contains(asOf, "15/01/2030") {
		t.Errorf("the deadlines page says %q: want the build's day and today's", asOf)
	}
	run(t, ctx, "open an overdue task", chromedp.Steps(
		chromedp.Click("section.group-overdue li.task a.task-title"),
		chromedp.WaitReady("body.kind-task"),
	))
	if badge := run(t, ctx, "badge", chromedp.Text(".facts .badge")); badge != "Quá hạn" {
		t.Errorf("the task's own page says %q", badge)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestSingleFileStatesToday opens, on 15 January 2030, the single file
// built as of 1 June 2022: as in the site's pages, the tasks' states are
// those of the reader's day, and the file says they were computed again.
func TestSingleFileStatesToday(t *testing.T) {
	file := singleFileOn(t, os.DirFS("../.."), time.Date(2022, 6, 1, 0, 0, 0, 0, time.UTC))
	built, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	builtOverdue := strings.Count(string(built), `state-overdue"`)
	ctx, problems := browser(t)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: fakeToday}); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "open the file", chromedp.Navigate("file://"+filepath.ToSlash(file)))
	type badge struct {
		Window string `json:"window"`
		Text   string `json:"text"`
	}
	badges := run(t, ctx, "badges", chromedp.Evaluate[[]badge](`[...document.querySelectorAll(".badge[data-window]")].map(b => ({window: b.dataset.window, text: b.textContent}))`))
	overdue := 0
	for _, b := range badges {
		end, yearly := strings.Fields(b.Window)[1], strings.Contains(b.Window, "yearly")
		if !yearly && end < "2030-01-15" {
			overdue++
			if b.Text != "Quá hạn" {
				t.Errorf("a task of window %s says %q on 2030-01-15", b.Window, b.Text)
			}
		}
	}
	if overdue == 0 || overdue <= builtOverdue {
		t.Errorf("%d badges overdue on 2030-01-15 (%d in the file as built): nothing was computed again", overdue, builtOverdue)
	}
	asOf := run(t, ctx, "as of", chromedp.Text(".bundle-intro .as-of"))
	if !strings.Contains(asOf, "01/06/2022") || !strings.Contains(asOf, "15/01/2030") {
		t.Errorf("the file says %q: want the build's day and today's", asOf)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}
