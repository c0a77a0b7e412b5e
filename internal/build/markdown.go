package build

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/kehoach/kehoach/internal/markdown"
	"github.com/kehoach/kehoach/internal/model"
	"github.com/kehoach/kehoach/internal/parallel"
	"github.com/kehoach/kehoach/internal/search"
	"github.com/kehoach/kehoach/internal/source"
	"github.com/kehoach/kehoach/internal/vntext"
)

// pendingLink is a link to another page's anchor, checked once every page
// has been rendered and its anchors are known.
type pendingLink struct {
	pos    source.Pos
	target *model.Page
	anchor string
	raw    string
}

// localLink is a link of a page to a file of the site other than a content
// file ("../tasks.csv", "../deadlines/"), checked once every file of the
// site has been claimed.
type localLink struct {
	pos    source.Pos
	target string // the file, relative to the site root ("deadlines/index.html")
	anchor string
	raw    string
}

// renderMarkdown renders every page body in parallel.
func (b *builder) renderMarkdown() error {
	numerals := map[*model.Page]string{}
	for _, p := range b.site.Parts {
		numerals[&p.Page] = p.Numeral
	}
	pages := b.site.Pages()
	if b.opt.Cache != nil {
		b.opt.Cache.start(b.mdOpt)
		files := make(map[string]bool, len(pages))
		for _, p := range pages {
			files[p.File.Path] = true
		}
		defer b.opt.Cache.keep(files)
	}
	problems := make([]source.ErrorList, len(pages))
	bodies := make([]*body, len(pages))
	parallel.For(len(pages), b.workers, func(i int) {
		bodies[i], problems[i] = b.renderPage(pages[i], numerals[pages[i]])
	})
	var errs source.ErrorList
	b.bodies = make(map[*model.Page]*body, len(pages))
	for i, list := range problems {
		errs = append(errs, list...)
		if bodies[i] == nil {
			continue
		}
		b.bodies[pages[i]] = bodies[i]
		for _, w := range bodies[i].res.Warnings {
			b.res.Warnings.Add(pages[i].File.BodyPos(w.Offset), "%s", w.Msg)
		}
		if p := pages[i]; len(list) == 0 && bodies[i].nothing {
			first := len(p.File.Body) - len(bytes.TrimLeft(p.File.Body, " \t\r\n"))
			b.res.Warnings.Add(p.File.BodyPos(first), "the text renders to nothing visible (only link definitions, empty markup?): check its Markdown")
		}
	}
	return errs.Err()
}

// visibleTags are elements that show something without text.
var visibleTags = []string{"<img", "<hr", "<iframe", "<video", "<audio", "<svg", "<object", "<embed",
	"<canvas", "<input", "<picture"}

// rendersNothing reports whether a body with text gives HTML with no text
// and nothing else to see (an image, a rule, an embedded frame…).
func rendersNothing(body []byte, html string) bool {
	if len(bytes.TrimSpace(body)) == 0 {
		return false
	}
	inTag := false
	for _, r := range html { // text, which almost every body shows at once
		switch {
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
		case !inTag && !unicode.IsSpace(r):
			return false
		}
	}
	for _, tag := range visibleTags {
		if strings.Contains(html, tag) {
			return false
		}
	}
	return true
}

// body is a page's rendered Markdown, as the build uses it.
type body struct {
	res     *markdown.Result
	html    template.HTML
	toc     []model.Heading
	plain   string // the sections' headings and texts, a line each: what search reads
	nothing bool   // a text that renders to nothing visible
}

// noBody stands for the body of a page that failed to render.
var noBody = &body{res: &markdown.Result{}}

// body returns p's rendered body, or an empty one when it failed.
func (b *builder) body(p *model.Page) *body {
	if bd := b.bodies[p]; bd != nil {
		return bd
	}
	return noBody
}

func newBody(res *markdown.Result, source []byte) *body {
	bd := &body{res: res, html: template.HTML(res.HTML), toc: make([]model.Heading, len(res.Headings))}
	for i, h := range res.Headings {
		bd.toc[i] = model.Heading(h)
	}
	var parts []string
	for _, s := range res.Sections {
		if s.Heading != "" {
			parts = append(parts, s.Heading)
		}
		parts = append(parts, s.Text)
	}
	bd.plain = strings.Join(parts, "\n")
	bd.nothing = rendersNothing(source, string(bd.html))
	return bd
}

func (b *builder) renderPage(p *model.Page, numeral string) (*body, source.ErrorList) {
	var errs source.ErrorList
	bd, err := b.renderBody(p, numeral)
	if err != nil {
		errs.Add(p.Pos(), "%v", err)
		return nil, errs
	}
	for _, pr := range bd.res.Problems {
		errs = append(errs, &source.Error{Pos: p.File.BodyPos(pr.Offset), Msg: pr.Msg})
	}
	p.HTML, p.Anchors, p.TOC, p.Slots = bd.html, bd.res.Anchors, bd.toc, bd.res.Slots // shared with other builds: read only
	return bd, errs
}

// renderBody renders p's body, or takes it from the cache when an earlier
// build rendered the same body with the same answers.
func (b *builder) renderBody(p *model.Page, numeral string) (*body, error) {
	sections := !b.opt.NoSearch
	if bd, links := b.reuse(p, numeral, sections); bd != nil {
		b.addLinks(links)
		return bd, nil
	}
	var asked []question
	ask := func(q question) { asked = append(asked, q) }
	docLink := b.docLink(p)
	res, err := b.md.Render(p.File.Body, markdown.Page{
		Numeral:  numeral,
		Sections: sections,
		Image: func(src string) (string, bool) {
			url, ok := b.image(p, src)
			ask(question{kind: 'i', arg: src, url: url, ok: ok})
			return url, ok
		},
		DocLink: func(slug string) string {
			url := docLink(slug)
			ask(question{kind: 'd', arg: slug, url: url, ok: true})
			return url
		},
		Local: func(dest string, off int) string {
			url, link := b.localLink(p, dest, off)
			b.addLocalLinks([]localLink{link})
			ask(question{kind: 'o', arg: dest, offset: off, url: url, ok: true})
			return url
		},
		Link: func(dest string, off int) (string, bool) {
			url, ok, link := b.linkTarget(p, dest, off)
			if link != nil {
				b.addLinks([]pendingLink{*link})
			}
			ask(question{kind: 'l', arg: dest, offset: off, url: url, ok: ok})
			return url, ok
		},
	})
	if err != nil {
		return nil, err
	}
	bd := newBody(&res, p.File.Body)
	if b.opt.Cache != nil {
		b.opt.Cache.put(p.File.Path, &rendered{body: p.File.Body, numeral: numeral, sections: sections, asked: asked, out: bd})
	}
	return bd, nil
}

func (b *builder) addLinks(links []pendingLink) {
	if len(links) == 0 {
		return
	}
	b.linksMu.Lock()
	b.links = append(b.links, links...)
	b.linksMu.Unlock()
}

// linkTarget maps a Markdown link to a content file onto the page's
// address, relative to the linking page, with the link: checked when it
// names an anchor, and telling a task's page the updates that link to it.
func (b *builder) linkTarget(from *model.Page, dest string, offset int) (string, bool, *pendingLink) {
	file, anchor, _ := strings.Cut(dest, "#")
	var key string
	if strings.HasPrefix(file, "/") {
		key = strings.TrimPrefix(path.Clean(file), "/")
	} else {
		key = path.Join(path.Dir(strings.TrimPrefix(from.File.Path, "content/")), file)
	}
	target := b.site.Page(strings.TrimSuffix(key, ".md"))
	if target == nil {
		return b.noPage(key), false, nil
	}
	link := &pendingLink{pos: from.File.BodyPos(offset), target: target, anchor: anchor, raw: dest}
	if anchor != "" {
		anchor = "#" + anchor
	}
	return b.rel(from.Path, target.URL()) + anchor, true, link
}

// localLink resolves a link of page p to a file of the site that is not a
// content file, and gives it to check (checkLocalLinks). A link from the site
// root ("/plan/x.html") becomes relative, so that it works under a sub-path
// and from a copied folder; a link to a folder ("../deadlines/") names its
// index.html, as every link of the site does, since a copied folder has no
// server to find it.
func (b *builder) localLink(p *model.Page, dest string, offset int) (string, localLink) {
	file, rest := dest, ""
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		file, rest = dest[:i], dest[i:]
	}
	name, err := url.PathUnescape(file)
	if err != nil {
		name = file
	}
	name = vntext.NFC(name) // as the files are published (listAssets)
	root := strings.HasPrefix(name, "/")
	if root {
		name = path.Clean(strings.TrimPrefix(name, "/"))
	} else {
		name = path.Join(path.Dir(p.Path), name)
	}
	base := path.Base(file)
	folder := strings.HasSuffix(file, "/") || base == "." || base == ".." || name == "." ||
		path.Ext(name) == "" && !b.isAsset(name)
	if folder {
		name = path.Join(name, "index.html")
		file = strings.TrimSuffix(file, "/") + "/index.html"
	}
	addr := file + rest
	if root { // relative, as written: still percent-encoded
		addr = b.rel(p.Path, strings.TrimPrefix(file, "/")) + rest
	}
	_, anchor, _ := strings.Cut(rest, "#")
	return addr, localLink{pos: p.File.BodyPos(offset), target: name, anchor: anchor, raw: dest}
}

// addLocalLinks remembers links for checkLocalLinks.
func (b *builder) addLocalLinks(links []localLink) {
	b.linksMu.Lock()
	b.localLinks = append(b.localLinks, links...)
	b.linksMu.Unlock()
}

// isAsset reports whether name, relative to the site root, is a file of
// static/ or beside the content, which is copied as it is.
func (b *builder) isAsset(name string) bool {
	for _, f := range []struct {
		fsys fs.FS
		dir  string
	}{{b.opt.Site, "content"}, {b.themeFS(), "static"}} {
		if info, err := fs.Stat(f.fsys, path.Join(f.dir, name)); err == nil && !info.IsDir() {
			return true
		}
	}
	return false
}

// checkLocalLinks checks that the local links of the pages (localLink)
// name files the build writes, and anchors their pages have; every file
// must have been claimed (checkOutputs).
func (b *builder) checkLocalLinks() error {
	pages := map[string]*model.Page{}
	for _, p := range b.site.Pages() {
		pages[p.Path] = p
	}
	var errs source.ErrorList
	for _, l := range b.localLinks {
		claimed := b.claims.has(l.target)
		switch target := pages[l.target]; {
		case l.target == ".." || strings.HasPrefix(l.target, "../"):
			errs.Add(l.pos, "link %q points outside the site", l.raw)
		case strings.HasPrefix(l.target, search.StaticDir+"/"):
			// the offline index's files, which the build names as it writes them
		case !claimed:
			errs.Add(l.pos, "link %q points to no page or file of the site (%s)", l.raw, l.target)
		case l.anchor != "" && target != nil && !target.Anchors[l.anchor]:
			errs.Add(l.pos, "link %q: %s has no anchor #%s", l.raw, target.File.Path, l.anchor)
		}
	}
	return errs.Err()
}

// noPage says why the content file key ("updates/2026/a.md") is no page.
func (b *builder) noPage(key string) string {
	if key == ".." || strings.HasPrefix(key, "../") {
		return "it points outside content/"
	}
	if _, err := fs.Stat(b.opt.Site, path.Join("content", key)); err == nil {
		return "content/" + key + " is not published (a draft, or an update dated after today)"
	}
	if path.Base(key) == "index.md" {
		if _, err := fs.Stat(b.opt.Site, path.Join("content", path.Dir(key), "_index.md")); err == nil {
			return "no such content file (a folder's page is its _index.md)"
		}
	}
	return "no such content file"
}

// rel is the address of target (relative to the site root) as seen from the
// file from: relative, or absolute under the base URL.
func (b *builder) rel(from, target string) string {
	if b.cfg.BaseURL != "" {
		return b.cfg.BaseURL + target
	}
	return strings.Repeat("../", strings.Count(from, "/")) + target
}

// root is what the page written to file puts before a site-relative address.
func (b *builder) root(file string) string { return b.rel(file, "") }

// checkReferences checks the anchors of plan_ref (of tasks and indicators),
// plan_refs and content links.
func (b *builder) checkReferences() error {
	var errs source.ErrorList
	check := func(r *model.Ref) {
		if r != nil && r.Target != nil && r.Anchor != "" && !r.Target.Anchors[r.Anchor] {
			errs.Add(r.Pos, "%q: %s has no anchor #%s", r.Raw, r.Target.File.Path, r.Anchor)
		}
	}
	for _, t := range b.site.Tasks {
		check(t.PlanRef)
		b.checkNoted(t)
	}
	for _, g := range b.site.Guidance {
		for _, r := range g.PlanRefs {
			check(r)
		}
	}
	for _, in := range b.site.Indicators {
		check(in.Ref)
	}
	for _, l := range b.links {
		if l.anchor != "" && !l.target.Anchors[l.anchor] {
			errs.Add(l.pos, "link %q: %s has no anchor #%s", l.raw, l.target.File.Path, l.anchor)
		}
	}
	b.warnHeldLinks()
	b.news = b.newsOfTasks()
	docs, err := b.documents()
	b.docs = docs
	errs.Merge("", err)
	return errs.Err()
}

// checkNoted warns when a task's plan_ref names a part of the plan where
// the part's page cannot note the task in the text: a heading whose
// section is more than one paragraph, rather than the item that assigns it.
func (b *builder) checkNoted(t *model.Task) {
	r := t.PlanRef
	if r == nil || r.Target == nil || r.Target.Numeral == "" || r.Anchor == "" || !r.Target.Anchors[r.Anchor] {
		return
	}
	if _, ok := r.Target.Slots[r.Anchor]; ok {
		return
	}
	var items []string
	for a := range r.Target.Slots {
		if strings.HasPrefix(a, r.Anchor+"-") {
			items = append(items, "#"+a)
		}
	}
	slices.SortFunc(items, func(a, b string) int { return r.Target.Slots[a[1:]] - r.Target.Slots[b[1:]] }) // in the text's order
	hint := ""
	if len(items) > 0 {
		hint = " (" + strings.Join(items, ", ") + ")"
	}
	b.res.Warnings.Add(r.Pos, "%q names a section, not an item of the plan: the part's page lists task %s but cannot show it in the text; name the item that assigns it%s",
		r.Raw, t.ID, hint)
}

// image resolves an image source of page p: a file beside the content
// ("anh.png", "../chung/anh.png") or, from the site root ("/logo.png"), a
// file of content/ or static/. A root source becomes relative, so that the
// site still works under a sub-path.
func (b *builder) image(p *model.Page, src string) (string, bool) {
	url, name, ok := b.imageFile(p, src)
	if ok {
		b.linksMu.Lock()
		if b.images == nil {
			b.images = map[string]bool{}
		}
		b.images[name] = true
		b.linksMu.Unlock()
	}
	return url, ok
}

// imageFile is image's address for src, and the name of its file as
// published.
func (b *builder) imageFile(p *model.Page, src string) (addr, published string, ok bool) {
	file, _, _ := strings.Cut(src, "#")
	file, _, _ = strings.Cut(file, "?")
	if decoded, err := url.PathUnescape(file); err == nil {
		file = decoded // "anh%20hoi%20nghi.png" names "anh hoi nghi.png"
	}
	var name string
	if strings.HasPrefix(file, "/") {
		name = path.Clean(strings.TrimPrefix(file, "/"))
	} else {
		name = path.Join(path.Dir(strings.TrimPrefix(p.File.Path, "content/")), file)
	}
	// A file copied from a Mac is named in NFD on disk and published in
	// NFC, as the page names it: content/'s are known by their published
	// names, static/'s are looked for in both forms.
	_, inContent := fs.Stat(b.opt.Site, path.Join("content", name))
	_, inStatic := fs.Stat(b.themeFS(), path.Join("static", name))
	if inStatic != nil {
		_, inStatic = fs.Stat(b.themeFS(), path.Join("static", norm.NFD.String(name)))
	}
	if inContent != nil && inStatic != nil && !b.assetNames[vntext.NFC(name)] {
		return b.otherCase(name), "", false
	}
	if inContent == nil && !b.assetNames[vntext.NFC(name)] {
		if hint := b.otherCase(name); hint != "" { // found by a disk that ignores case: not by the server
			return hint, "", false
		}
	}
	published = vntext.NFC(name)
	if strings.HasPrefix(src, "/") {
		return b.rel(p.Path, strings.TrimPrefix(src, "/")), published, true
	}
	return src, published, true
}

// otherCase says which file beside the content a missing one, name,
// differs from only in case ("Hoi-nghi.PNG" for "hoi-nghi.png"): a name
// Windows finds and the server does not. "" when none does.
func (b *builder) otherCase(name string) string {
	for _, have := range slices.Sorted(maps.Keys(b.assetNames)) { // the same answer every build
		if strings.EqualFold(have, vntext.NFC(name)) {
			return fmt.Sprintf("the file is named %q: write its name as it is, letter case too (the web server tells them apart)", path.Base(have))
		}
	}
	return ""
}

// newsOfTasks are the updates that link to each task's page, newest first:
// by its file ("../../tasks/ban-to-chuc/t01.md") or by its address
// ("/tasks/ban-to-chuc/t01.html", as the page's own address suggests).
func (b *builder) newsOfTasks() map[*model.Task][]*model.Update {
	tasks := make(map[*model.Page]*model.Task, len(b.site.Tasks))
	paths := make(map[string]*model.Task, len(b.site.Tasks))
	for _, t := range b.site.Tasks {
		tasks[&t.Page], paths[t.Path] = t, t
	}
	linked := map[string][]*model.Task{} // by the linking file
	for _, l := range b.links {
		if t := tasks[l.target]; t != nil {
			linked[l.pos.File] = append(linked[l.pos.File], t)
		}
	}
	for _, l := range b.localLinks {
		if t := paths[l.target]; t != nil {
			linked[l.pos.File] = append(linked[l.pos.File], t)
		}
	}
	news := map[*model.Task][]*model.Update{}
	for _, u := range b.site.Updates { // newest first
		for _, t := range linked[u.File.Path] {
			if n := len(news[t]); n == 0 || news[t][n-1] != u { // a task linked twice, listed once
				news[t] = append(news[t], u)
			}
		}
	}
	return news
}
