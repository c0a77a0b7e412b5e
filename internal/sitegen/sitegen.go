package sitegen

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// Options controls what Generate writes.
type Options struct {
	// Pages is the number of task, guidance and update pages together:
	// 60% tasks, 2% guidance, the rest updates. Agencies and the plan and
	// home pages come on top.
	Pages int
	// Seed makes the output reproducible: equal Options give equal bytes.
	Seed int64
	// Corpus is the text sentences are sampled from, normally the plan's
	// source text. When empty, a short built-in excerpt of the plan is used.
	Corpus string
}

// AgencyCount is the number of agency pages Generate writes.
const AgencyCount = 30

// planRef is the plan item every task and guidance page points to.
const planRef = "plan/01-part#i-1"

// Page kinds, also used to derive one random stream per page.
const (
	kindAgency = iota + 1
	kindTask
	kindGuidance
	kindUpdate
	kindPlan
)

// counts is how Options.Pages is split between the page kinds.
type counts struct {
	tasks, guidance, updates int
}

func split(pages int) counts {
	c := counts{tasks: pages * 60 / 100, guidance: pages * 2 / 100}
	c.updates = pages - c.tasks - c.guidance
	return c
}

// Generate writes a complete content tree into dir/content. It fails if
// dir/content already exists.
func Generate(dir string, o Options) error {
	if o.Pages < 0 {
		return fmt.Errorf("sitegen: negative page count %d", o.Pages)
	}
	corp, err := newCorpus(o.Corpus)
	if err != nil {
		return err
	}
	root := filepath.Join(dir, "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.Mkdir(root, 0o755); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("sitegen: %s already exists", root)
		}
		return err
	}
	g := &generator{
		w:        newWriter(root),
		corp:     corp,
		seed:     uint64(o.Seed),
		agencies: agencies(),
		n:        split(o.Pages),
	}
	return g.run()
}

// generator holds the state of one Generate call.
type generator struct {
	w        *writer
	corp     *corpus
	seed     uint64
	agencies []agency
	n        counts
}

// rng returns the random stream of page i of a kind; streams do not depend
// on the order pages are written in.
func (g *generator) rng(kind, i int) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, uint64(kind)<<40|uint64(i)))
}

func (g *generator) run() error {
	steps := []func() error{
		g.writeHome,
		g.writePlan,
		g.writeAgencies,
		g.writeTasks,
		g.writeGuidance,
		g.writeUpdates,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// writer creates files below root, making folders as needed.
type writer struct {
	root string
	made map[string]bool
}

func newWriter(root string) *writer {
	return &writer{root: root, made: map[string]bool{}}
}

func (w *writer) write(rel, data string) error {
	path := filepath.Join(w.root, filepath.FromSlash(rel))
	d := filepath.Dir(path)
	if !w.made[d] {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		w.made[d] = true
	}
	return os.WriteFile(path, []byte(data), 0o644)
}
