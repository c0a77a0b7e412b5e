package build

import (
	"strings"

	"github.com/kehoach/kehoach/internal/markdown"
	"github.com/kehoach/kehoach/internal/model"
	"github.com/kehoach/kehoach/internal/source"
)

// A file beside the content is published as it is, but one that only
// updates not yet published show or link to (a draft, or an update dated
// after today) waits for them: a draft plan's PDF beside the draft that
// links to it was published, for anyone who guessed its address to read.

// heldFiles are the files of the site that the held updates show or link
// to and no published page does, by published name in lower case
// ("updates/2026/a.pdf").
func (b *builder) heldFiles() map[string]bool {
	if len(b.site.Held) == 0 {
		return nil
	}
	// Without case: on a disk that ignores it (Windows, macOS) a page may
	// show "Anh.PNG" for the file "anh.png".
	shown := map[string]bool{}
	for name := range b.images {
		shown[strings.ToLower(name)] = true
	}
	for _, l := range b.localLinks {
		shown[strings.ToLower(l.target)] = true
	}
	held := map[string]bool{}
	hold := func(name string) {
		if name = strings.ToLower(name); !shown[name] {
			held[name] = true
		}
	}
	for _, p := range b.site.Held {
		// Only to read its links: a held update's problems wait until it is published.
		_, _ = b.md.Render(p.File.Body, markdown.Page{
			Image: func(src string) (string, bool) {
				addr, name, ok := b.imageFile(p, src)
				if ok {
					hold(name)
				}
				return addr, ok
			},
			Local: func(dest string, offset int) string {
				addr, l := b.localLink(p, dest, offset)
				hold(l.target)
				return addr
			},
			Link:    func(string, int) (string, bool) { return "", true },
			DocLink: func(string) string { return "" },
		})
	}
	return held
}

// warnHeldLinks warns, in a build with the drafts (the preview), of a link
// from a page that would be published to an update that would not: the
// preview shows it working, and the build that publishes fails on it.
func (b *builder) warnHeldLinks() {
	if !b.opt.Drafts {
		return // the link is an error (linkTarget)
	}
	held := map[*model.Page]bool{}
	for _, u := range b.site.Updates {
		if u.Held(b.opt.Now) {
			held[&u.Page] = true
		}
	}
	if len(held) == 0 {
		return
	}
	from := map[string]*model.Page{}
	for _, p := range b.site.Pages() {
		from[p.File.Path] = p
	}
	paths := map[string]*model.Page{}
	for p := range held {
		paths[p.Path] = p
	}
	warn := func(pos source.Pos, raw string, target *model.Page) {
		if held[target] && !held[from[pos.File]] {
			b.res.Warnings.Add(pos, "link %q: %s is not published yet (a draft, or dated after today), and publishing this page fails until it is: remove the link, or publish both", raw, target.File.Path)
		}
	}
	for _, l := range b.links {
		warn(l.pos, l.raw, l.target)
	}
	for _, l := range b.localLinks { // by its address: "/updates/2026/nhap.html"
		if p := paths[l.target]; p != nil {
			warn(l.pos, l.raw, p)
		}
	}
}
