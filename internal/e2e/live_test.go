package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestLiveReload runs "kehoach serve", as an editor does, on a copy of the
// plan's site, opens a long page in the browser, scrolls down, and edits
// the page's file: the page reloads by itself, shows the new paragraph and
// keeps the reader's place. A broken save then shows its error, with file
// and line, over the page, which stays; fixing it reloads the page. A
// warning (an update dated after today) shows below the page until the
// file that caused it is gone.
func TestLiveReload(t *testing.T) {
	ctx, problems := browser(t)
	site, base := servePlanCopy(t)
	file := filepath.Join(site, "content", "plan", "04-nhiem-vu-giai-phap.md")
	original, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	run(t, ctx, "open a long page", chromedp.Steps(
		chromedp.Navigate(base+"plan/04-nhiem-vu-giai-phap.html"),
		chromedp.WaitReady(`script[src$="_kehoach/live.js"]`),
	))
	y := run(t, ctx, "scroll down", chromedp.Evaluate[float64](`window.scrollTo(0, 1500), window.scrollY`))
	if y < 1000 {
		t.Fatalf("the page scrolled only to %v", y)
	}
	// The page's event stream may not be open yet when the first save is
	// built; each later save sends another reload.
	const added = "Đoạn văn mới thêm khi xem trước."
	shown := `document.body.textContent.includes("` + added + `")`
	for i := 0; ; i++ {
		if err := os.WriteFile(file, []byte(string(original)+"\n\n"+added+fmt.Sprintf(" (%d)", i)+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if waitTrue(ctx, shown, 2*time.Second) {
			break
		}
		if i == 5 {
			t.Fatal("the page did not reload with the new paragraph after six saves")
		}
	}
	run(t, ctx, "the reader's place", chromedp.Poll[chromedp.Void](`document.readyState === "complete" && Math.abs(window.scrollY - `+fmt.Sprint(y)+`) < 2`))

	broken := strings.Replace(string(original), "title = ", "title = \"unterminated\ntitle2 = ", 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "the build's error", chromedp.Poll[chromedp.Void](`(document.querySelector(".kehoach-build-error[role=alert]")||{textContent:""}).textContent.includes("content/plan/04-nhiem-vu-giai-phap.md:")`))
	if !run(t, ctx, "the last good page", chromedp.Evaluate[bool](shown)) {
		t.Error("the page under the error is not the last good build")
	}
	if err := os.WriteFile(file, original, 0o644); err != nil {
		t.Fatal(err)
	}
	if !waitTrue(ctx, `!`+shown+` && !document.querySelector(".kehoach-build-error")`, 10*time.Second) {
		t.Error("the page did not recover after the fix")
	}

	// An update dated after today is not published: the editor, who
	// watches the page, reads why there, until the update is taken back.
	future := filepath.Join(site, "content", "updates", "2099", "tin-sau.md")
	if err := os.MkdirAll(filepath.Dir(future), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(future, []byte("+++\ntitle = \"Tin ngày mai\"\ndate = 2099-01-01\n+++\nSẽ đăng.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	warned := `(document.querySelector(".kehoach-build-warnings[role=status]")||{textContent:""}).textContent.includes("content/updates/2099/tin-sau.md:")`
	if !waitTrue(ctx, warned, 10*time.Second) { // the page reloads meanwhile: the build is published too
		t.Fatal("the page shows no warning for the update dated after today")
	}
	// The editor hides them; they stay hidden through the reloads of
	// further saves while they are the same, and come back when they change.
	run(t, ctx, "hide the warnings", chromedp.Click(".kehoach-build-warnings button"))
	if err := os.WriteFile(file, append(bytes.Clone(original), "\nMột đoạn nữa.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if !waitTrue(ctx, `document.readyState === "complete" && document.body.textContent.includes("Một đoạn nữa.")`, 10*time.Second) {
		t.Fatal("the page did not reload after the save")
	}
	time.Sleep(300 * time.Millisecond) // the events of the reloaded page
	if run(t, ctx, "the warnings hidden", chromedp.Evaluate[bool](`!!document.querySelector(".kehoach-build-warnings")`)) {
		t.Error("the hidden warnings came back after a save that did not change them")
	}
	later := filepath.Join(site, "content", "updates", "2099", "tin-sau-nua.md")
	if err := os.WriteFile(later, []byte("+++\ntitle = \"Tin ngày kia\"\ndate = 2099-01-02\n+++\nSẽ đăng.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !waitTrue(ctx, `(document.querySelector(".kehoach-build-warnings[role=status]")||{textContent:""}).textContent.includes("tin-sau-nua.md:")`, 10*time.Second) {
		t.Fatal("the warnings did not come back when they changed")
	}
	if err := os.Remove(later); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, original, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(future); err != nil {
		t.Fatal(err)
	}
	if !waitTrue(ctx, `document.readyState === "complete" && !document.querySelector(".kehoach-build-warnings")`, 10*time.Second) {
		t.Error("the warning stayed after the update was taken back")
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// TestLiveReloadOnlyChanged keeps an agency's page open in the preview and
// edits a part of the plan: the page reads itself again, finds that the
// save did not change it, and stays as it was (a search typed there is not
// lost). TestLiveReload has a page that the save changes, which reloads.
func TestLiveReloadOnlyChanged(t *testing.T) {
	ctx, problems := browser(t)
	site, base := servePlanCopy(t)
	// Each page reads itself once loaded, and at each build (liveJS): a
	// fetch of its own address.
	const reads = `performance.getEntriesByType("resource").filter(e => e.initiatorType === "fetch" && e.name.split("#")[0] === location.href.split("#")[0]).length`
	run(t, ctx, "the agency's page", chromedp.Steps(
		chromedp.Navigate(base+"agencies/ban-to-chuc.html"),
		chromedp.Poll[chromedp.Void](reads+` >= 1`),
		chromedp.Evaluate[chromedp.Void](`window.kept = true`),
	))
	file := filepath.Join(site, "content", "plan", "04-nhiem-vu-giai-phap.md")
	original, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ { // the event stream may not be open yet when the first save is built
		if err := os.WriteFile(file, []byte(string(original)+fmt.Sprintf("\n\nĐoạn văn mới (%d).\n", i)), 0o644); err != nil {
			t.Fatal(err)
		}
		if waitTrue(ctx, reads+` >= 2`, 2*time.Second) {
			break
		}
		if i == 5 {
			t.Fatal("the agency's page did not read itself again after six saves")
		}
	}
	time.Sleep(500 * time.Millisecond) // a reload, if it were to come
	if !waitTrue(ctx, `window.kept === true`, time.Second) {
		t.Error("the agency's page reloaded, though the save did not change it")
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("page errors: %v", p)
	}
}

// waitTrue polls a script in the page until it is true or the time is up.
// A page that reloads meanwhile is polled again.
func waitTrue(ctx context.Context, script string, within time.Duration) bool {
	for end := time.Now().Add(within); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](script)); err == nil && ok {
			return true
		}
	}
	return false
}

// servePlanCopy copies the plan's site into a new folder and runs "kehoach
// serve" on it, as an editor does: the folder, and the address served.
func servePlanCopy(t *testing.T) (site, base string) {
	t.Helper()
	site = t.TempDir()
	for _, d := range []string{"content", "config.toml"} {
		if out, err := exec.Command("cp", "-r", filepath.Join("..", "..", d), site).CombinedOutput(); err != nil {
			t.Fatalf("copying the site: %v %s", err, out)
		}
	}
	return site, startServe(t, site)
}

// startServe builds the kehoach command and runs "kehoach serve" (watching)
// on site, on a free loopback port, until the test ends; it returns the
// site's address.
func startServe(t *testing.T, site string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kehoach")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/kehoach").CombinedOutput(); err != nil {
		t.Fatalf("building kehoach: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "serve", "--source", site, "--addr", "127.0.0.1:0", "--log=false")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("kehoach serve said:\n%s", stderr.String())
		}
	})
	addr := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(stdout)
		re := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`)
		for s.Scan() {
			if m := re.FindStringSubmatch(s.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	select {
	case a := <-addr:
		return a
	case <-time.After(2 * time.Minute):
		t.Fatalf("kehoach serve printed no address; it said:\n%s", stderr.String())
	}
	return ""
}
