package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/kehoach/kehoach/internal/search"
)

// runSearch searches the prebuilt index of a site; it does not build.
func runSearch(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "site folder")
	dest := fs.String("dest", "", "built site (default SOURCE/public)")
	asJSON := fs.Bool("json", false, "print the API's JSON")
	kind := fs.String("kind", "", "only results of this kind: plan, guidance, task, agency, update, page")
	agency := fs.String("agency", "", "only results of this agency (its slug, e.g. ban-to-chuc)")
	limit := fs.Int("limit", 10, "at most this many results (1–100)")
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	if *limit < 1 || *limit > 100 {
		return fmt.Errorf("--limit %d: want a whole number from 1 to 100", *limit)
	}
	query := strings.Join(fs.Args(), " ")
	if *dest == "" {
		*dest = filepath.Join(*source, "public")
	}
	idx, err := search.Open(filepath.Join(*dest, search.Dir))
	if err != nil {
		return err
	}
	defer idx.Close()
	res, err := idx.Search(search.Request{Query: query, Kind: *kind, Agency: *agency, Limit: *limit})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printResults(stdout, res)
	return nil
}

var markRE = regexp.MustCompile(`</?mark>`)

func printResults(w io.Writer, res *search.Response) {
	fmt.Fprintf(w, "%d results for %q (%.1f ms)\n", res.Total, res.Query, res.TookMS)
	if len(res.Approximate) > 0 {
		fmt.Fprintf(w, "no result holds %q as typed: they hold it in another spelling or corrected\n", res.Approximate)
	}
	if len(res.Missing) > 0 {
		fmt.Fprintf(w, "no result holds %q\n", res.Missing)
	}
	for i, h := range res.Hits {
		title := h.Title
		if h.Section != "" {
			title += " › " + h.Section
		}
		snippet := html.UnescapeString(markRE.ReplaceAllStringFunc(h.Snippet, func(m string) string {
			if m == "<mark>" {
				return "["
			}
			return "]"
		}))
		fmt.Fprintf(w, "\n%d. %s\n   %s\n", i+1, title, h.Link)
		if h.Note != "" {
			fmt.Fprintf(w, "   %s\n", h.Note)
		}
		fmt.Fprintf(w, "   %s\n", snippet)
	}
}
