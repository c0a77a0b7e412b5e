// Package e2e holds the tests that drive a real browser (Debian's chromium,
// headless, through chromedp) against the plan's site built and served on a
// loopback port. Without chromium they are skipped with a message saying how
// to install it, unless KEHOACH_BROWSER=required (set by .ci/run), when they fail.
package e2e
