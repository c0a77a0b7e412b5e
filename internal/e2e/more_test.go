package e2e

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// checkMoreResults opens the search page at search (its address, without
// a query) for a query with more results than a page shows: the status
// says how many are shown, "Xem thêm" adds the next ones below the same
// first ones and moves the focus to the first it added, and goes once all
// are shown.
func checkMoreResults(t *testing.T, ctx context.Context, search string) {
	t.Helper()
	run(t, ctx, "a query with many results", chromedp.Steps(
		chromedp.Navigate(search+"?q=dang+vien"),
		chromedp.WaitVisible("#search-results li"),
	))
	titles := func() []string {
		return run(t, ctx, "titles", chromedp.Evaluate[[]string](
			`Array.from(document.querySelectorAll("#search-results a.result-title"), a => a.textContent)`))
	}
	first := titles()
	status := run(t, ctx, "status", chromedp.Text("#search-status"))
	total, err := strconv.Atoi(strings.ReplaceAll(strings.Fields(status)[0], ".", ""))
	if err != nil || total <= 20 || total > 60 {
		t.Fatalf("status %q: want more than 20 results and at most 60 for this test", status)
	}
	if len(first) != 20 || !strings.Contains(status, "đang hiển thị 20 kết quả đầu tiên") {
		t.Fatalf("%d results shown, status %q; want 20 and the status saying so", len(first), status)
	}
	for shown := 20; shown < total; shown = min(shown+20, total) {
		want := min(shown+20, total)
		run(t, ctx, "Xem thêm", chromedp.Steps(
			chromedp.Click(".search-more"),
			chromedp.Poll[chromedp.Void](`document.querySelectorAll("#search-results li").length === `+strconv.Itoa(want)),
		))
		if got := titles(); !slices.Equal(got[:20], first) {
			t.Errorf("after Xem thêm the first results changed:\n%q\nwant\n%q", got[:20], first)
		}
		focused := run(t, ctx, "focus", chromedp.Evaluate[bool](
			`document.activeElement === document.querySelectorAll("#search-results a.result-title")[`+strconv.Itoa(shown)+`]`))
		if !focused {
			t.Errorf("after Xem thêm the focus is not on result %d, the first added", shown+1)
		}
	}
	hidden := run(t, ctx, "button", chromedp.Evaluate[bool](`document.querySelector(".search-more").hidden`))
	if !hidden {
		t.Error("Xem thêm is still offered with every result shown")
	}
}
