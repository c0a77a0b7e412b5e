package tmpl

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync/atomic"
	"text/template/parse"
)

// A program is a template that html/template has escaped, prepared for the
// executor of exec.go: its tree copied into the executor's own nodes, each
// function resolved once, each field given a cache of where it is found in
// the last type it was read from.
//
// compile refuses a template that uses anything the executor does not
// reproduce exactly (a builtin other than eq, ne, not, len and index, an
// escaper that escapers.go has no copy of, as in JavaScript and CSS but for
// URLs in CSS, a template html/template derived for another context…);
// such a template keeps running on html/template.
type program struct {
	name string
	root []node
}

type node any // one of the *…Node types below

type textNode struct{ text []byte }

// actionNode prints its pipeline, whose last commands, escapers, are kept
// apart, so that the value is turned into text once and escaped in place.
type actionNode struct {
	pipe     *pipeline
	escapers []escaper
}

// declNode is an action that declares or assigns variables: it prints
// nothing.
type declNode struct{ pipe *pipeline }

type branchNode struct {
	with           bool // with sets dot; if does not
	pipe           *pipeline
	list, elseList []node
}

type rangeNode struct {
	pipe           *pipeline
	list, elseList []node
}

type callNode struct {
	pipe *pipeline
	prog *program
}

type breakNode struct{}

type continueNode struct{}

type pipeline struct {
	decl   []string
	assign bool // = rather than :=
	cmds   []*command
}

type command struct {
	op   *operand   // the first word
	args []*operand // the words after it
}

type opKind uint8

const (
	opDot     opKind = iota
	opField          // .A.B: fields of dot
	opVar            // $x or $x.A.B
	opChain          // (pipeline).A.B
	opFunc           // a function
	opPipe           // (pipeline)
	opLiteral        // a string, number or bool
	opNil
)

type operand struct {
	kind   opKind
	fields []*field      // opField, opVar, opChain
	name   string        // opVar: the variable's name
	inner  *operand      // opChain: what the fields are read from
	pipe   *pipeline     // opPipe
	fn     *function     // opFunc
	value  reflect.Value // opLiteral: a string, bool or number, which literal converts to each parameter's type
}

// field is one name of a chain of fields, with the place it was found in
// the type it was last read from.
type field struct {
	name string
	key  reflect.Value // the name as a map key
	last atomic.Pointer[fieldHit]
}

type fieldHit struct {
	typ    reflect.Type // the receiver's type, pointer to it when addressable
	method int          // index of the method in typ, or -1
	index  []int        // the struct field, when not a method
	mapKey bool         // an entry of a map with string keys, when neither
}

// function is a function a template calls: a builtin of builtins.go, or
// a function of the FuncMap, called through reflection.
type function struct {
	builtin builtin
	value   reflect.Value
}

// compileError says why a template cannot run on the executor, naming the
// file and template where the compiler stopped.
type compileError struct {
	file, template string
	err            error
}

func (e *compileError) Error() string {
	if e.file == e.template {
		return fmt.Sprintf("%s: %v", e.file, e.err)
	}
	return fmt.Sprintf("%s: template %q: %v", e.file, e.template, e.err)
}

// compiler turns the escaped templates of one set into programs.
type compiler struct {
	trees map[string]*parse.Tree
	funcs template.FuncMap
	progs map[string]*program
}

// trees are the parse trees of set's templates by name, read before any of
// them runs: html/template escapes them in place, but writes the field
// that holds them again (with the same tree) when it escapes one, which a
// compile running beside it must not read. Templates that html/template
// derives later for other contexts are not among them.
func trees(set *template.Template) map[string]*parse.Tree {
	m := map[string]*parse.Tree{}
	for _, t := range set.Templates() {
		m[t.Name()] = t.Tree
	}
	return m
}

// compile prepares the template name, and every template it calls, for
// the executor. The trees must have been escaped: name has run at least
// once.
func compile(trees map[string]*parse.Tree, name string, funcs template.FuncMap) (*program, error) {
	c := &compiler{trees: trees, funcs: funcs, progs: map[string]*program{}}
	return c.program(name)
}

func (c *compiler) program(name string) (*program, error) {
	if p := c.progs[name]; p != nil {
		return p, nil
	}
	t := c.trees[name]
	if t == nil || t.Root == nil {
		if strings.Contains(name, "$htmltemplate_") {
			return nil, fmt.Errorf("a template is called where html/template escapes it for another context (%s)", name)
		}
		return nil, fmt.Errorf("template %q not found", name)
	}
	p := &program{name: name}
	c.progs[name] = p // before its body, for templates that call themselves
	root, err := c.list(t.Root)
	if err != nil {
		if _, ok := err.(*compileError); !ok {
			err = &compileError{file: t.ParseName, template: name, err: err}
		}
		return nil, err
	}
	p.root = root
	return p, nil
}

func (c *compiler) list(l *parse.ListNode) ([]node, error) {
	if l == nil {
		return nil, nil
	}
	var nodes []node
	for _, n := range l.Nodes {
		var out node
		var err error
		switch n := n.(type) {
		case *parse.TextNode:
			out = &textNode{text: n.Text}
		case *parse.CommentNode:
			continue
		case *parse.ActionNode:
			out, err = c.action(n)
		case *parse.IfNode:
			out, err = c.branch(false, &n.BranchNode)
		case *parse.WithNode:
			out, err = c.branch(true, &n.BranchNode)
		case *parse.RangeNode:
			r := &rangeNode{}
			if r.pipe, err = c.pipeline(n.Pipe); err == nil {
				if r.list, err = c.list(n.List); err == nil {
					r.elseList, err = c.list(n.ElseList)
				}
			}
			out = r
		case *parse.TemplateNode:
			call := &callNode{}
			if call.pipe, err = c.pipeline(n.Pipe); err == nil {
				call.prog, err = c.program(n.Name)
			}
			out = call
		case *parse.BreakNode:
			out = breakNode{}
		case *parse.ContinueNode:
			out = continueNode{}
		default:
			err = fmt.Errorf("unsupported node %s", n)
		}
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, out)
	}
	return nodes, nil
}

func (c *compiler) branch(with bool, n *parse.BranchNode) (node, error) {
	b := &branchNode{with: with}
	var err error
	if b.pipe, err = c.pipeline(n.Pipe); err != nil {
		return nil, err
	}
	if b.list, err = c.list(n.List); err != nil {
		return nil, err
	}
	b.elseList, err = c.list(n.ElseList)
	return b, err
}

// action splits the escapers off the end of a printing action.
func (c *compiler) action(n *parse.ActionNode) (node, error) {
	if len(n.Pipe.Decl) > 0 {
		p, err := c.pipeline(n.Pipe)
		return &declNode{pipe: p}, err
	}
	cmds := n.Pipe.Cmds
	var escs []escaper
	for len(cmds) > 1 {
		last := cmds[len(cmds)-1]
		id, ok := last.Args[0].(*parse.IdentifierNode)
		if !ok || len(last.Args) != 1 || !strings.HasPrefix(id.Ident, "_") {
			break
		}
		e := escapers[id.Ident]
		if e == nil {
			return nil, fmt.Errorf("an action needs %s (in JavaScript or CSS), which the executor does not have", id.Ident)
		}
		escs = append([]escaper{e}, escs...)
		cmds = cmds[:len(cmds)-1]
	}
	if len(escs) == 0 {
		return nil, fmt.Errorf("action %s is not escaped", n)
	}
	pipe := *n.Pipe
	pipe.Cmds = cmds
	p, err := c.pipeline(&pipe)
	return &actionNode{pipe: p, escapers: escs}, err
}

func (c *compiler) pipeline(n *parse.PipeNode) (*pipeline, error) {
	if n == nil {
		return nil, nil
	}
	p := &pipeline{assign: n.IsAssign}
	for _, v := range n.Decl {
		p.decl = append(p.decl, v.Ident[0])
	}
	for _, cmd := range n.Cmds {
		cc := &command{}
		for i, arg := range cmd.Args {
			op, err := c.operand(arg)
			if err != nil {
				return nil, err
			}
			if i == 0 {
				cc.op = op
			} else {
				cc.args = append(cc.args, op)
			}
		}
		p.cmds = append(p.cmds, cc)
	}
	return p, nil
}

func (c *compiler) operand(n parse.Node) (*operand, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return &operand{kind: opDot}, nil
	case *parse.NilNode:
		return &operand{kind: opNil}, nil
	case *parse.FieldNode:
		return &operand{kind: opField, fields: fields(n.Ident)}, nil
	case *parse.VariableNode:
		return &operand{kind: opVar, name: n.Ident[0], fields: fields(n.Ident[1:])}, nil
	case *parse.ChainNode:
		if n.Node.Type() == parse.NodeNil {
			return nil, fmt.Errorf("field of nil in %s", n)
		}
		inner, err := c.operand(n.Node)
		if err != nil {
			return nil, err
		}
		return &operand{kind: opChain, inner: inner, fields: fields(n.Field)}, nil
	case *parse.PipeNode:
		p, err := c.pipeline(n)
		return &operand{kind: opPipe, pipe: p}, err
	case *parse.IdentifierNode:
		fn, err := c.function(n.Ident)
		return &operand{kind: opFunc, fn: fn}, err
	case *parse.StringNode:
		return &operand{kind: opLiteral, value: reflect.ValueOf(n.Text)}, nil
	case *parse.BoolNode:
		return &operand{kind: opLiteral, value: reflect.ValueOf(n.True)}, nil
	case *parse.NumberNode:
		v, ok := number(n)
		if !ok {
			return nil, fmt.Errorf("unsupported number %s", n)
		}
		return &operand{kind: opLiteral, value: v}, nil
	}
	return nil, fmt.Errorf("unsupported operand %s", n)
}

func fields(names []string) []*field {
	fs := make([]*field, len(names))
	for i, n := range names {
		fs[i] = &field{name: n, key: reflect.ValueOf(n)}
	}
	return fs
}

// number is the value of a number literal where no type is asked for:
// only integers that fit an int; the executor leaves the others to
// html/template.
func number(n *parse.NumberNode) (reflect.Value, bool) {
	if !n.IsInt || n.IsComplex || strings.ContainsAny(n.Text, ".eEpP'") || int64(int(n.Int64)) != n.Int64 {
		return reflect.Value{}, false
	}
	return reflect.ValueOf(int(n.Int64)), true
}

// function resolves name as text/template does: the FuncMap first, then
// the builtins.
func (c *compiler) function(name string) (*function, error) {
	f, ok := c.funcs[name]
	if !ok {
		if b := builtins[name]; b != nil {
			return &function{builtin: b}, nil
		}
		return nil, fmt.Errorf("calls %s, which the executor does not have", name)
	}
	v := reflect.ValueOf(f)
	if v.Kind() != reflect.Func {
		return nil, fmt.Errorf("%s is not a function", name)
	}
	return &function{value: v}, nil
}
