package bundle

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The scripts inlined, in this order: the tasks' states on the reader's
// day, then the static search: the engine, the index scripts (index.js,
// which names the build, then a split index's document table, which its
// text chunks add to, then the others sorted), the page's UI.
const (
	statesJS  = "js/states.js"
	engineJS  = "js/vnsearch.js"
	searchDir = "search/data/"
	uiJS      = "js/search.js"
)

// indexFirst are the index scripts that run before the others, in order.
var indexFirst = []string{searchDir + "index.js", searchDir + "d.js"}

// styles is the text of the stylesheets the pages link to, each once, in
// the order they are first linked, with what they load inlined.
func (b *bundler) styles(pages []*page) (string, error) {
	seen := map[string]bool{}
	var css strings.Builder
	for _, pg := range pages {
		r := b.rewriter(pg.path)
		for _, link := range findAll(pg.doc, isStylesheet) {
			u, err := url.Parse(r.inSite(attr(link, "href")))
			if err != nil || u.Scheme != "" || u.Host != "" {
				return "", fmt.Errorf("%s: stylesheet %q is not a file of the site", pg.path, attr(link, "href"))
			}
			p, ok := sitePath(pg.path, u.Path)
			if seen[p] {
				continue
			}
			seen[p] = true
			if !ok || b.files[p] == nil {
				return "", fmt.Errorf("%s: stylesheet %q is not in the build", pg.path, attr(link, "href"))
			}
			text, err := b.inlineURLs(p, string(b.files[p]))
			if err != nil {
				return "", err
			}
			css.WriteString(text + "\n")
		}
	}
	if css.Len() == 0 {
		return "", fmt.Errorf("%s: links to no stylesheet", pages[0].path)
	}
	return css.String(), nil
}

func isStylesheet(n *html.Node) bool {
	return n.DataAtom == atom.Link && slices.Contains(strings.Fields(strings.ToLower(attr(n, "rel"))), "stylesheet")
}

// cssURL finds url(…) in a stylesheet, quoted or not, and @import.
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import`)

// inlineURLs replaces each url(…) of the stylesheet at p that names a file
// of the build with a data: URL. Anything else it would load fails.
func (b *bundler) inlineURLs(p, css string) (string, error) {
	var err error
	out := cssURL.ReplaceAllStringFunc(css, func(m string) string {
		if m == "@import" {
			err = fmt.Errorf("%s: @import: inline the imported stylesheet, the single file cannot load it", p)
			return m
		}
		sub := cssURL.FindStringSubmatch(m)
		ref := sub[1] + sub[2] + sub[3]
		if strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") {
			return m
		}
		u, perr := url.Parse(ref)
		if perr == nil && u.Scheme == "" && u.Host == "" {
			if file, ok := sitePath(p, u.Path); ok && b.files[file] != nil {
				return `url("` + dataURL(file, b.files[file]) + `")`
			}
		}
		err = fmt.Errorf("%s: url(%s) is not a file of the build: the single file cannot load it", p, ref)
		return m
	})
	return out, err
}

// scripts are the file's scripts, in the order they must run: the
// states' when the site has it, and the search's.
func (b *bundler) scripts() ([]string, error) {
	var data []string
	for name := range b.files {
		if strings.HasPrefix(name, searchDir) && strings.HasSuffix(name, ".js") {
			data = append(data, name)
		}
	}
	if len(data) == 0 {
		return nil, noSearch(searchDir + "*.js")
	}
	rank := func(name string) int {
		if i := slices.Index(indexFirst, name); i >= 0 {
			return i
		}
		return len(indexFirst)
	}
	slices.SortFunc(data, func(a, b string) int { return cmp.Or(rank(a)-rank(b), strings.Compare(a, b)) })
	names := slices.Concat([]string{engineJS}, data, []string{uiJS})
	if _, ok := b.files[statesJS]; ok {
		names = slices.Insert(names, 0, statesJS)
	}
	var scripts []string
	for _, name := range names {
		js, ok := b.files[name]
		if !ok {
			return nil, noSearch(name)
		}
		scripts = append(scripts, string(js)) // rawText escapes it
	}
	return scripts, nil
}

func noSearch(missing string) error {
	return fmt.Errorf("the build has no %s: the single file needs the static search (%s, %s*.js, %s)",
		missing, engineJS, searchDir, uiJS)
}

// escapeEnd makes text safe inside <tag>…</tag> (<script> or <style>):
// "</tag" (any case) becomes "<\/tag", which means "</tag" in a JavaScript
// string or regular expression and in a CSS string. In a script, "<!--"
// becomes "<\!--" too, since it would let a "<script" in the text keep the
// real end tag from ending the element. Other "</" are left alone: "/</g"
// is a common regular expression that "<\/" would break.
func escapeEnd(text, tag string) string {
	var b strings.Builder
	for {
		i := strings.Index(text, "<")
		if i < 0 || i+1 >= len(text) {
			break
		}
		b.WriteString(text[:i])
		rest := text[i:]
		switch {
		case rest[1] == '/' && len(rest) >= 2+len(tag) && strings.EqualFold(rest[2:2+len(tag)], tag):
			b.WriteString(`<\/`)
			text = rest[2:]
		case tag == "script" && strings.HasPrefix(rest, "<!--"):
			b.WriteString(`<\!--`)
			text = rest[4:]
		default:
			b.WriteString("<")
			text = rest[1:]
		}
	}
	b.WriteString(text)
	return b.String()
}

// dataURL is file's contents as a data: URL.
func dataURL(file string, data []byte) string {
	return "data:" + mediaType(file) + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// mediaType is the type of a file that a page or stylesheet may load, by
// its extension; the system's tables (mime.TypeByExtension) differ from
// machine to machine.
func mediaType(file string) string {
	switch strings.ToLower(path.Ext(file)) {
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".svg":
		return "image/svg+xml"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	case ".ico":
		return "image/x-icon"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	case ".ttf":
		return "font/ttf"
	}
	return "application/octet-stream"
}
