package build

import (
	"os"
	"regexp"
	"testing"

	"github.com/kehoach/kehoach/internal/model"
)

// TestStatesScriptNames checks that static/js/states.js, which tells a
// dated task's state again on the reader's day, names the states as the
// build does: a name changed on one side only would show two names for one
// state, and the browser tests look for one of them only.
func TestStatesScriptNames(t *testing.T) {
	src, err := os.ReadFile("../../static/js/states.js")
	if err != nil {
		t.Fatal(err)
	}
	table := regexp.MustCompile(`var NAMES = \{([^}]*)\}`).FindSubmatch(src)
	if table == nil {
		t.Fatal("states.js has no NAMES table")
	}
	names := map[string]string{}
	for _, m := range regexp.MustCompile(`"?([\w-]+)"?: "([^"]*)"`).FindAllSubmatch(table[1], -1) {
		names[string(m[1])] = string(m[2])
	}
	for _, s := range []model.State{model.StateOverdue, model.StateDueSoon, model.StateUpcoming} {
		if got := names[s.Slug()]; got != s.Name() {
			t.Errorf("states.js names %s %q, the build %q", s.Slug(), got, s.Name())
		}
	}
}
