package build

import (
	"io/fs"
	"path"
	"strings"

	"github.com/kehoach/kehoach/internal/model"
	"github.com/kehoach/kehoach/internal/source"
)

// systemOrNote reports whether a file in data/ is one that Windows writes
// itself beside others (Thumbs.db, desktop.ini) or a note for editors
// (README), which no page is meant to read.
func systemOrNote(name string) bool {
	lower := strings.ToLower(name)
	return lower == "thumbs.db" || lower == "desktop.ini" || strings.HasPrefix(lower, "readme")
}

// unreadData warns of the files and folders in the site's data/ that no
// page reads: the dashboard's targets are read from model.IndicatorsFile
// alone, and a misnamed copy ("Indicators.toml", "chi-tieu.toml") left the
// dashboard without them and nothing said.
func unreadData(site fs.FS) source.ErrorList {
	entries, err := fs.ReadDir(site, "data")
	if err != nil {
		return nil // no data of its own
	}
	want := path.Base(model.IndicatorsFile)
	var warns source.ErrorList
	for _, e := range entries {
		name := e.Name()
		if name == want || strings.HasPrefix(name, ".") || !e.IsDir() && (source.EditorFile(name) || systemOrNote(name)) {
			continue
		}
		what := "file"
		if e.IsDir() {
			name, what = name+"/", "folder"
		}
		hint := ""
		if strings.HasPrefix(strings.ToLower(name), "indicator") {
			hint = " (did you mean it?)"
		}
		warns.Add(source.Pos{File: "data/" + name}, "no page reads this %s: the plan's targets and figures are read from %s%s",
			what, model.IndicatorsFile, hint)
	}
	return warns
}
