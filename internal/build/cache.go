package build

import (
	"bytes"
	"sync"
	"sync/atomic"

	"github.com/kehoach/kehoach/internal/markdown"
	"github.com/kehoach/kehoach/internal/model"
	"github.com/kehoach/kehoach/internal/source"
)

// Cache keeps what one build can give the next, for a preview that builds
// the same site after every save: the content files as parsed, what each
// gave the model, and each page's rendered Markdown. Its zero value is not usable: call NewCache.
// Builds that share a Cache must not run at the same time.
type Cache struct {
	files    *source.Cache
	model    *model.Cache
	mu       sync.Mutex
	renderer markdown.Options // the renderer the entries were made with
	bodies   map[string]*rendered
	reused   atomic.Int64 // bodies taken from the cache, for tests
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: source.NewCache(), model: model.NewCache(), bodies: map[string]*rendered{}}
}

// rendered is a page body rendered by an earlier build: its source, what
// the renderer asked the build (links, images, documents) and was told, and
// the result. It is reused when the body is the same and every question
// gets the same answer again.
type rendered struct {
	body     []byte
	numeral  string
	sections bool
	asked    []question
	out      *body
}

// question is one call of a markdown.Page function and its answer.
type question struct {
	kind   byte // 'l' Link, 'o' Local, 'i' Image, 'd' DocLink
	arg    string
	offset int
	url    string
	ok     bool
}

// Forget makes the next build read again the files at the given paths of
// the site ("content/a.md", "content/plan") and every file under them, as
// a watcher reports them, whatever their size and time.
func (c *Cache) Forget(paths []string) { c.files.Forget(paths) }

// Watched tells the cache whether a watcher now reports every change to
// the site's files through Forget: while it does, a build lists and reads
// again only the files named since the build before.
func (c *Cache) Watched(on bool) { c.files.Watched(on) }

// start readies the cache for a build with renderer options opt: entries
// made with other options are dropped.
func (c *Cache) start(opt markdown.Options) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.renderer != opt {
		c.renderer, c.bodies = opt, map[string]*rendered{}
	}
}

func (c *Cache) get(file string) *rendered {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bodies[file]
}

func (c *Cache) put(file string, r *rendered) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.bodies[file] = r
}

// keep drops the entries of files that are gone.
func (c *Cache) keep(files map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for f := range c.bodies {
		if !files[f] {
			delete(c.bodies, f)
		}
	}
}

// reuse returns the result cached for page p when its body and numeral are
// the same and this build answers every question as the one that rendered
// it, with the links to anchors to check; nil otherwise.
func (b *builder) reuse(p *model.Page, numeral string, sections bool) (*body, []pendingLink) {
	if b.opt.Cache == nil {
		return nil, nil
	}
	r := b.opt.Cache.get(p.File.Path)
	if r == nil || r.numeral != numeral || r.sections != sections || !bytes.Equal(r.body, p.File.Body) {
		return nil, nil
	}
	var links []pendingLink
	var locals []localLink
	for _, q := range r.asked {
		var url string
		var ok bool
		switch q.kind {
		case 'l':
			var link *pendingLink
			url, ok, link = b.linkTarget(p, q.arg, q.offset)
			if link != nil {
				links = append(links, *link)
			}
		case 'o':
			var local localLink
			url, local = b.localLink(p, q.arg, q.offset)
			ok = true
			locals = append(locals, local)
		case 'i':
			url, ok = b.image(p, q.arg)
		case 'd':
			url, ok = b.docLink(p)(q.arg), true
		}
		if url != q.url || ok != q.ok {
			return nil, nil
		}
	}
	b.opt.Cache.reused.Add(1)
	b.addLocalLinks(locals) // a body rendered again would add its own
	return r.out, links
}
