package e2e

import (
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
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
// critical violation.
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
	base := siteURL(t)
	ctx, _ := browser(t)
	pages := []string{"index.html", "plan/index.html", "plan/05-nhiem-vu-cu-the.html", "guidance/index.html",
		"guidance/chi-bo-bon-tot.html", "agencies/index.html", "agencies/ban-to-chuc.html", "tasks/index.html",
		"tasks/ban-to-chuc/t01.html", "deadlines/index.html", "dashboard/index.html", "updates/index.html", "search/index.html?q=chi+bo+bon+tot",
		"404.html"}
	for _, page := range pages {
		run(t, ctx, page, chromedp.Navigate(base+page))
		if strings.HasPrefix(page, "search/") {
			run(t, ctx, "results", chromedp.WaitVisible("#search-results li"))
		}
		run(t, ctx, "axe", chromedp.Evaluate[bool](string(axe)+";true"))
		found := run(t, ctx, "axe.run", chromedp.Evaluate[[]violation](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
			r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.length})))`, chromedp.EvalAwaitPromise))
		for _, v := range found {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("%s: %s (%s, %d elements): %s", page, v.ID, v.Impact, v.Nodes, v.Help)
			} else {
				t.Logf("%s: %s (%s, %d elements): %s", page, v.ID, v.Impact, v.Nodes, v.Help)
			}
		}
	}
}
