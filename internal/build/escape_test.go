package build

import (
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var (
	openTagRE  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^>]*)?)>`)
	attrRE     = regexp.MustCompile(`\s([a-zA-Z-:]+)\s*=\s*"([^"]*)"`)
	searchTag  = regexp.MustCompile(`^\s+src="(?:\.\./)*(?:js/(?:vnsearch|search|states)|api/search)\.js" defer$`)
	hostileSet = "testdata/sites/hostile-markup.txtar"
)

// TestNoContentMarkup builds the plan's site and a site whose content tries
// to inject markup everywhere (titles, bodies, agency names, deadlines), and
// reads every tag of every page and feed written: the only script is the
// site's own search scripts, no attribute is an event handler, and no link or
// source is javascript:.
func TestNoContentMarkup(t *testing.T) {
	ar, err := txtar.ParseFile(hostileSet)
	must(t, err)
	for name, dir := range map[string]string{"hostile": writeSite(t, ar), "plan": "../.."} {
		t.Run(name, func(t *testing.T) { checkMarkup(t, dir) })
	}
}

func checkMarkup(t *testing.T, dir string) {
	_, mem, err := buildDir(t, dir, Options{})
	must(t, err)
	checked := 0
	for name, data := range mem.Files() {
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".xml") {
			continue
		}
		for _, m := range openTagRE.FindAllStringSubmatch(string(data), -1) {
			checked++
			tag, attrs := strings.ToLower(m[1]), m[2]
			if tag == "script" && !searchTag.MatchString(attrs) {
				t.Errorf("%s: a script that is not the site's: %s", name, m[0])
			}
			for _, a := range attrRE.FindAllStringSubmatch(attrs, -1) {
				key, value := strings.ToLower(a[1]), strings.ToLower(strings.TrimSpace(a[2]))
				if strings.HasPrefix(key, "on") {
					t.Errorf("%s: event handler attribute in %s", name, m[0])
				}
				if (key == "href" || key == "src") && strings.HasPrefix(value, "javascript:") {
					t.Errorf("%s: javascript: address in %s", name, m[0])
				}
			}
		}
	}
	if checked < 200 {
		t.Errorf("checked only %d tags", checked)
	}
}
