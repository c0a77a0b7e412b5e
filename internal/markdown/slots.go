package markdown

import (
	"errors"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A slot marks where the HTML of a numbered item's text ends, so that a
// page showing the plan can add a note there (the tasks tracked from the
// item) without the renderer knowing what the note says: the slot writes
// nothing and records the offset it is rendered at (Result.Slots).
type slotNode struct {
	ast.BaseInline
	id string
	st *state
}

var kindSlot = ast.NewNodeKind("Slot")

func (n *slotNode) Kind() ast.NodeKind { return kindSlot }

func (n *slotNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.id}, nil)
}

// slotRenderer records each slot's offset in the HTML written so far.
type slotRenderer struct{}

func (slotRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindSlot, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b, ok := w.(*builderWriter)
		if !ok { // Render writes into one; the offsets are of what it holds
			return ast.WalkStop, errors.New("a slot needs the HTML written so far: render with Renderer.Render")
		}
		s := n.(*slotNode)
		s.st.res.Slots[s.id] = b.Len()
		return ast.WalkContinue, nil
	})
}
