package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/kehoach/kehoach/internal/config"
	"github.com/kehoach/kehoach/internal/markdown"
	"github.com/kehoach/kehoach/internal/model"
	"github.com/kehoach/kehoach/internal/output"
	"github.com/kehoach/kehoach/internal/search"
	"github.com/kehoach/kehoach/internal/source"
	"github.com/kehoach/kehoach/internal/tmpl"
	"github.com/kehoach/kehoach/internal/vntext"
)

// Options are the inputs of a build.
type Options struct {
	// Context, when set, stops the build when it is done (Ctrl+C): Build
	// returns its error and writes nothing more.
	Context  context.Context
	Site     fs.FS     // the site folder: config.toml, content/, layouts/, static/
	Defaults fs.FS     // layouts/ and static/ used where the site has none
	Now      time.Time // "today" for every date-dependent result
	Drafts   bool      // include drafts and future updates
	BaseURL  string    // overrides config.toml's base_url when set
	BasePath string    // the path the site is served under ("/kehoach/"): 404.html's links start from it
	NoSearch bool      // skip writing the search index
	// SearchAPI is set when kehoach serve serves the build and answers
	// the search API: the search page preloads no file of the offline
	// index, which it would not use.
	SearchAPI bool
	// Cache, when set, holds what a build can reuse of the one before.
	Cache *Cache
	// LazyPages leaves the HTML pages unrendered: Result.Lazy renders each
	// when it is asked for, for a preview that serves the page an editor
	// looks at without waiting for the thousands it does not.
	LazyPages bool
	// SearchLater leaves the search indexes to the caller: Result.Search
	// makes the search documents, for a preview that serves the pages first
	// and then updates its own index.
	SearchLater bool
	// Progress, when set, is called as pages are written ("pages") and as
	// documents are indexed ("search").
	Progress func(step string, done, total int)

	standardTemplates bool // tests: run every layout on html/template alone
}

// Result describes a successful build.
type Result struct {
	Site     *model.Site
	Config   config.Config
	Pages    int // HTML pages written
	Files    int // all files written
	Warnings source.ErrorList
	Steps    []Step
	// Layouts are the layouts the build ran: how they ran (see
	// tmpl.Set.Fallbacks and Interpreted).
	Layouts *tmpl.Set
	// SearchDocs is the number of search documents (sections, tasks,
	// agencies, updates), whether or not the index was written.
	SearchDocs int
	// Static measures the static search index, when one was written.
	Static search.StaticReport
	// Search, with Options.SearchLater, makes the build's search documents;
	// it may be called after the build, from any goroutine.
	Search func() []search.Document
	// Lazy renders, by output path, each page of a build with LazyPages;
	// its errors are *source.Error at what to blame. Safe for concurrent use.
	Lazy map[string]func() ([]byte, error)
}

// Step is a named, timed stage of a build. A part of a stage is named
// "stage/part" and listed before the stage, whose time includes it.
type Step struct {
	Name string
	Took time.Duration
}

// builder holds the state of one build.
type builder struct {
	opt     Options
	sink    output.Sink
	cfg     config.Config
	site    *model.Site
	layouts *tmpl.Set
	md      *markdown.Renderer
	mdOpt   markdown.Options
	res     *Result
	workers int // goroutines for CPU-bound stages
	writers int // goroutines for stages that write files: creating files waits on the disk

	contentAssets []string
	assetNames    map[string]bool // contentAssets as published: in content/, in NFC
	assets        []asset         // static/ and contentAssets, claimed
	pageJobs      []job           // the pages, claimed
	css           []byte
	links         []pendingLink
	news          map[*model.Task][]*model.Update // the updates that link to each task (newsOfTasks)
	localLinks    []localLink
	linksMu       sync.Mutex            // guards links, localLinks and images
	images        map[string]bool       // the files of content/ that published pages show, by published name
	bodies        map[*model.Page]*body // each page's rendered Markdown: text for search, citations
	docs          []*document           // every document cited or with a page
	claims        claims                // every output file and what writes it
	pageFiles     []string              // HTML pages written, for the sitemap
	pages         *siteView             // what the pages see of the site
	searchPages   []job                 // the search page, written after the search index
}

// step is a stage of a build. A checking step's problems are collected and
// the next checking steps still run, so that one build reports the problems
// of the content, its Markdown and its references together; no writing step
// starts while problems are pending.
type step struct {
	name   string
	run    func() error
	checks bool // its problems do not stop the checking steps after it
	writes bool
}

// Build builds the site described by opt into sink. When it fails, the
// Result still holds the warnings found.
func Build(opt Options, sink output.Sink) (*Result, error) {
	b := &builder{opt: opt, sink: sink, res: &Result{}, workers: runtime.GOMAXPROCS(0), claims: newClaims()}
	b.writers = max(16, 4*b.workers)
	if opt.LazyPages {
		b.res.Lazy = map[string]func() ([]byte, error){}
	}
	steps := []step{
		{name: "config", run: b.loadConfig},
		{name: "content", run: b.loadContent, checks: true},
		{name: "indicators", run: b.loadIndicators, checks: true},
		{name: "layouts", run: b.loadLayouts},
		{name: "stylesheet", run: b.bundleCSS},
		{name: "markdown", run: b.renderMarkdown, checks: true},
		{name: "references", run: b.checkReferences, checks: true},
		// Every file the build writes is claimed before the first is
		// written, and the links to them checked.
		{name: "outputs", run: b.checkOutputs, checks: true},
		{name: "pages", run: b.writePages, writes: true},
		// The search page comes after the search index: it asks for the
		// files of the static index that every query loads.
		{name: "search", run: b.writeSearch, writes: true},
		{name: "search page", run: b.writeSearchPage, writes: true},
		{name: "assets", run: b.writeAssets, writes: true},
		{name: "feeds", run: b.writeFeeds, writes: true},
		{name: "exports", run: b.writeExports, writes: true},
	}
	var problems source.ErrorList
	for _, st := range steps {
		if len(problems) > 0 && (st.writes || b.site == nil) {
			break
		}
		start := time.Now()
		if err := b.ctx().Err(); err != nil {
			return b.res, fmt.Errorf("build stopped: %w", err)
		}
		if b.opt.Progress != nil {
			b.opt.Progress(st.name, 0, 0)
		}
		if err := st.run(); err != nil {
			if !st.checks {
				return b.res, joinProblems(problems, err)
			}
			problems.Merge("", err)
		}
		b.res.Steps = append(b.res.Steps, Step{st.name, time.Since(start)})
	}
	if len(problems) > 0 {
		return b.res, problems.Err()
	}
	b.res.Site, b.res.Config = b.site, b.cfg
	return b.res, nil
}

// joinProblems adds a step's error to the problems found before it.
func joinProblems(problems source.ErrorList, err error) error {
	if len(problems) == 0 {
		return err
	}
	problems.Merge("", err)
	return problems.Err()
}

// ctx is the build's context.
func (b *builder) ctx() context.Context {
	if b.opt.Context == nil {
		return context.Background()
	}
	return b.opt.Context
}

func (b *builder) loadConfig() error {
	cfg, err := config.Load(b.opt.Site)
	if err != nil {
		return err
	}
	if b.opt.BaseURL != "" {
		cfg.BaseURL = b.opt.BaseURL
		if err := cfg.CheckBaseURL("--base-url"); err != nil {
			return err
		}
	}
	if cfg.BaseURL != "" && cfg.BaseURL[len(cfg.BaseURL)-1] != '/' {
		cfg.BaseURL += "/"
	}
	b.cfg = cfg
	b.mdOpt = markdown.Options{UnsafeHTML: cfg.UnsafeHTML, HighlightStyle: cfg.HighlightStyle}
	b.md = markdown.New(b.mdOpt)
	return nil
}

func (b *builder) loadContent() error {
	var files *source.Cache
	var prepared *model.Cache
	if b.opt.Cache != nil {
		files, prepared = b.opt.Cache.files, b.opt.Cache.model
	}
	start := time.Now()
	content := source.Read(b.opt.Site, "content", files)
	b.res.Steps = append(b.res.Steps, Step{"content/read", time.Since(start)})
	start = time.Now()
	defer func() { b.res.Steps = append(b.res.Steps, Step{"content/model", time.Since(start)}) }()
	if len(content.Pages) == 0 && len(content.Errors) == 0 {
		return fmt.Errorf("no content: the site folder has no content/*.md files")
	}
	var unread []string
	for _, e := range content.Errors {
		unread = append(unread, e.Pos.File)
	}
	site, err := model.Load(content.Pages, model.Options{Now: b.opt.Now, Drafts: b.opt.Drafts, Cache: prepared, Unread: unread})
	var errs source.ErrorList
	errs = append(errs, content.Errors...)
	errs.Merge("content", err)
	b.site = site // what loaded is still checked further, so that all problems come out together
	b.res.Warnings = append(b.res.Warnings, site.Warnings...)
	b.contentAssets = content.Assets
	b.assetNames = make(map[string]bool, len(content.Assets))
	for _, p := range content.Assets {
		b.assetNames[vntext.NFC(strings.TrimPrefix(p, "content/"))] = true
	}
	return errs.Err()
}

// loadIndicators reads the plan's targets and their figures, when the site
// has them.
func (b *builder) loadIndicators() error {
	b.res.Warnings = append(b.res.Warnings, unreadData(b.opt.Site)...)
	raw, err := fs.ReadFile(b.opt.Site, model.IndicatorsFile)
	if errors.Is(err, fs.ErrNotExist) || b.site == nil {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", model.IndicatorsFile, err)
	}
	return b.site.SetIndicators(raw)
}

func (b *builder) loadLayouts() error {
	set, err := tmpl.Load(b.themeFS(), b.opt.Defaults)
	if err != nil {
		return layoutError(err)
	}
	if b.opt.standardTemplates {
		set.Standard()
	}
	b.layouts = set
	b.res.Layouts = set
	b.res.Warnings = append(b.res.Warnings, unreadLayouts(b.opt.Site, b.opt.Defaults)...)
	return nil
}

// themeFS is the site's layouts/ and static/ over the defaults.
func (b *builder) themeFS() fs.FS {
	if b.opt.Defaults == nil {
		return b.opt.Site
	}
	return source.Overlay{b.opt.Site, b.opt.Defaults}
}
