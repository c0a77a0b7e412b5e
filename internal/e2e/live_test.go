package e2e

import (
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kehoach/kehoach/internal/serve"
	"github.com/kehoach/kehoach/internal/source"
)

// TestLiveReload opens a long page of the plan as the preview serves it,
// scrolls down, and swaps in a build where that page has a new paragraph:
// the page reloads by itself, shows the paragraph, and keeps the reader's
// place. A failed build then shows its error over the page, which stays.
func TestLiveReload(t *testing.T) {
	ctx, problems := browser(t)
	const name = "content/plan/04-nhiem-vu-giai-phap.md"
	plan := os.DirFS("../..")
	original, err := fs.ReadFile(plan, name)
	if err != nil {
		t.Fatal(err)
	}
	const added = "Đoạn văn mới thêm khi xem trước."
	after := serve.New(buildSite(t, source.Overlay{fstest.MapFS{
		name: {Data: append(append([]byte{}, original...), "\n\n"+added+"\n"...), Mode: 0o644},
	}, plan}, true))

	live := serve.NewLive()
	live.Publish(serve.New(buildSite(t, plan, true)))
	srv := httptest.NewServer(serve.Wrap(live, serve.Options{})) // as serve --watch: CSP, gzip
	t.Cleanup(func() { live.Stop(); srv.Close(); _ = live.Close() })

	run(t, ctx, "open a long page", chromedp.Steps(
		chromedp.Navigate(srv.URL+"/plan/04-nhiem-vu-giai-phap.html"),
		chromedp.WaitReady(`script[src$="_kehoach/live.js"]`),
	))
	y := run(t, ctx, "scroll down", chromedp.Evaluate[float64](`window.scrollTo(0, 1500), window.scrollY`))
	if y < 1000 {
		t.Fatalf("the page scrolled only to %v", y)
	}
	// The page's event stream may not be open yet when the build is first
	// published; publishing the same build again only sends another reload.
	shown := `document.body.textContent.includes("` + added + `")`
	first := live.Publish(after)
	defer first.Close()
	for i := 0; !run(t, ctx, "look for the paragraph", chromedp.Evaluate[bool](shown)); i++ {
		if i == 100 {
			t.Fatal("the page did not reload with the new paragraph within 10 s")
		}
		time.Sleep(100 * time.Millisecond)
		if i%10 == 9 {
			live.Publish(after)
		}
	}
	run(t, ctx, "the reader's place", chromedp.Poll[chromedp.Void](`document.readyState === "complete" && Math.abs(window.scrollY - `+fmt.Sprint(y)+`) < 2`))

	const msg = "content/plan/04-nhiem-vu-giai-phap.md:7:1: error: example of a broken save"
	live.Fail(msg)
	run(t, ctx, "the build's error", chromedp.Poll[chromedp.Void](`(document.querySelector(".kehoach-build-error[role=alert]")||{textContent:""}).textContent.includes("`+msg+`")`))
	if !run(t, ctx, "the last good page", chromedp.Evaluate[bool](shown)) {
		t.Error("the page under the error is not the last good build")
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}
