package tmpl

import (
	"bytes"
	"fmt"
	"reflect"
)

// The executor runs programs as text/template runs the escaped trees they
// come from, with the same results, but without looking fields and methods
// up by name on every use and without calling the escapers and builtins
// through reflection: about three times faster on this site's layouts.
//
// It gives up (panics with a bailout, which execute recovers) wherever
// text/template would report an error, and wherever it would do something
// the executor does not reproduce (a nil receiver, a map with other than
// string keys, a range over a map…). Set then renders the page again with
// html/template, which either succeeds or reports the error as it always
// has. So the executor only has to be right where it succeeds.

// bailout is the executor's panic: it stopped at something it leaves to
// html/template.
type bailout struct{ why string }

func bail(format string, args ...any) {
	panic(bailout{fmt.Sprintf(format, args...)})
}

// maxDepth bounds the nesting of template calls, below text/template's
// bound (100,000), so that a template that recurses too deep is stopped,
// and reported, by text/template.
const maxDepth = 10000

type variable struct {
	name  string
	value reflect.Value
}

type state struct {
	buf   *bytes.Buffer
	vars  []variable
	depth int
}

type control uint8

const (
	next control = iota
	breakLoop
	continueLoop
)

// execute runs p with data, appending its output to buf. On an error,
// what it appended is to be thrown away and the template run again by
// html/template.
func (p *program) execute(buf *bytes.Buffer, data any) (err error) {
	defer func() {
		// A bailout, or a panic of a method or function the template
		// called, which text/template reports as an error.
		if r := recover(); r != nil {
			if b, ok := r.(bailout); ok {
				r = b.why
			}
			err = fmt.Errorf("%s: executor: %v", p.name, r)
		}
	}()
	dot, ok := data.(reflect.Value)
	if !ok {
		dot = reflect.ValueOf(data)
	}
	s := &state{buf: buf, vars: []variable{{"$", dot}}}
	s.walk(dot, p.root)
	return nil
}

func (s *state) walk(dot reflect.Value, nodes []node) control {
	for _, n := range nodes {
		switch n := n.(type) {
		case *textNode:
			s.buf.Write(n.text)
		case *actionNode:
			s.print(dot, n)
		case *declNode:
			s.pipeline(dot, n.pipe)
		case *branchNode:
			if c := s.branch(dot, n); c != next {
				return c
			}
		case *rangeNode:
			if c := s.walkRange(dot, n); c != next {
				return c
			}
		case *callNode:
			s.call(dot, n)
		case breakNode:
			return breakLoop
		case continueNode:
			return continueLoop
		}
	}
	return next
}

// print escapes the value of an action's pipeline and writes it.
func (s *state) print(dot reflect.Value, n *actionNode) {
	text, kind := stringified(s.pipeline(dot, n.pipe))
	for _, esc := range n.escapers {
		var ok bool
		if text, ok = esc(text, kind); !ok {
			bail("escaper cannot take %q", text)
		}
		kind = plainText
	}
	s.buf.WriteString(text)
}

func (s *state) branch(dot reflect.Value, n *branchNode) control {
	mark := len(s.vars)
	defer s.pop(mark)
	val := s.pipeline(dot, n.pipe)
	truth, ok := isTrue(indirectInterface(val))
	if !ok {
		bail("if/with can't use %v", val)
	}
	switch {
	case truth && n.with:
		return s.walk(val, n.list)
	case truth:
		return s.walk(dot, n.list)
	case n.elseList != nil:
		return s.walk(dot, n.elseList)
	}
	return next
}

func (s *state) pop(mark int) { s.vars = s.vars[:mark] }

// walkRange ranges over an array or a slice; other things to range over
// are left to html/template. A break in the else list ends the range it
// belongs to, as in text/template; a continue goes to the enclosing one.
func (s *state) walkRange(dot reflect.Value, r *rangeNode) control {
	defer s.pop(len(s.vars))
	val, _ := indirect(s.pipeline(dot, r.pipe))
	mark := len(s.vars)
	switch val.Kind() {
	case reflect.Array, reflect.Slice:
		if val.Len() == 0 {
			break
		}
		for i := 0; i < val.Len(); i++ {
			if s.iteration(r, i, val.Index(i), mark) == breakLoop {
				break
			}
		}
		return next
	case reflect.Invalid:
	default:
		bail("range over %s", val.Kind())
	}
	if c := s.walk(dot, r.elseList); c == continueLoop {
		return c
	}
	return next
}

func (s *state) iteration(r *rangeNode, i int, elem reflect.Value, mark int) control {
	decl := r.pipe.decl
	index := func() reflect.Value { return reflect.ValueOf(i) }
	switch {
	case len(decl) == 0:
	case r.pipe.assign && len(decl) > 1:
		s.setVar(decl[0], index())
		s.setVar(decl[1], elem)
	case r.pipe.assign:
		s.setVar(decl[0], elem)
	default:
		s.vars[len(s.vars)-1].value = elem
		if len(decl) > 1 {
			s.vars[len(s.vars)-2].value = index()
		}
	}
	defer s.pop(mark)
	return s.walk(elem, r.list)
}

// call runs a template with the pipeline's value as dot and $, and no
// other variable: its own go on the stack above the caller's, which the
// parser keeps it from naming.
func (s *state) call(dot reflect.Value, n *callNode) {
	if s.depth >= maxDepth {
		bail("exceeded maximum template depth")
	}
	dot = s.pipeline(dot, n.pipe)
	mark := len(s.vars)
	s.vars = append(s.vars, variable{"$", dot})
	s.depth++
	s.walk(dot, n.prog.root)
	s.depth--
	s.pop(mark)
}

func (s *state) varValue(name string) reflect.Value {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value
		}
	}
	bail("undefined variable %s", name)
	return reflect.Value{}
}

func (s *state) setVar(name string, value reflect.Value) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = value
			return
		}
	}
	bail("undefined variable %s", name)
}

// pipeline is the value of p; it declares or assigns p's variables.
func (s *state) pipeline(dot reflect.Value, p *pipeline) reflect.Value {
	if p == nil {
		return reflect.Value{}
	}
	var value reflect.Value
	for i, c := range p.cmds {
		value = s.eval(dot, c.op, c.args, value, i > 0) // the value before is the last argument
		if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
			value = value.Elem()
		}
	}
	for _, name := range p.decl {
		if p.assign {
			s.setVar(name, value)
		} else {
			s.vars = append(s.vars, variable{name, value})
		}
	}
	return value
}

// operand is the value of op alone: an argument before its conversion,
// or the receiver of a chain of fields.
func (s *state) operand(dot reflect.Value, op *operand) reflect.Value {
	return s.eval(dot, op, nil, reflect.Value{}, false)
}

// eval is the value of op, called with args and final (when hasFinal)
// where op is a method or a function.
func (s *state) eval(dot reflect.Value, op *operand, args []*operand, final reflect.Value, hasFinal bool) reflect.Value {
	switch {
	case op.kind == opField:
		return s.fieldChain(dot, dot, op.fields, args, final, hasFinal)
	case op.kind == opChain:
		return s.fieldChain(dot, s.operand(dot, op.inner), op.fields, args, final, hasFinal)
	case op.kind == opVar && len(op.fields) > 0:
		return s.fieldChain(dot, s.varValue(op.name), op.fields, args, final, hasFinal)
	case op.kind == opFunc:
		return s.callFunc(dot, op.fn, args, final, hasFinal)
	}
	if len(args) > 0 || hasFinal {
		bail("arguments to a non-function")
	}
	switch op.kind {
	case opVar:
		return s.varValue(op.name)
	case opPipe:
		return s.pipeline(dot, op.pipe)
	case opDot:
		return dot
	case opLiteral:
		return op.value
	}
	bail("nil is not a command")
	return reflect.Value{}
}

// arg is the value of op as an argument of type typ, converted as
// text/template converts it.
func (s *state) arg(dot reflect.Value, op *operand, typ reflect.Type) reflect.Value {
	switch op.kind {
	case opNil:
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		bail("nil for %s", typ)
	case opLiteral:
		return literal(op, typ)
	}
	return validate(s.operand(dot, op), typ)
}

// literal converts a literal to the parameter type typ.
func literal(op *operand, typ reflect.Type) reflect.Value {
	if typ == reflectValueType {
		return reflect.ValueOf(op.value)
	}
	if op.value.Type() == typ {
		return op.value
	}
	switch typ.Kind() {
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return op.value
		}
	case reflect.String, reflect.Bool:
		if op.value.Kind() == typ.Kind() {
			v := reflect.New(typ).Elem()
			v.Set(op.value.Convert(typ))
			return v
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if op.value.Kind() == reflect.Int {
			v := reflect.New(typ).Elem()
			v.SetInt(op.value.Int())
			if v.Int() == op.value.Int() {
				return v
			}
		}
	}
	bail("literal %v for %s", op.value, typ)
	return reflect.Value{}
}

var reflectValueType = reflect.TypeFor[reflect.Value]()

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

// validate makes value fit a parameter of type typ, as text/template's
// validateType does.
func validate(value reflect.Value, typ reflect.Type) reflect.Value {
	if !value.IsValid() {
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		bail("invalid value for %s", typ)
	}
	if typ == reflectValueType && value.Type() != typ {
		return reflect.ValueOf(value)
	}
	if value.Type().AssignableTo(typ) {
		return value
	}
	if value.Kind() == reflect.Interface && !value.IsNil() {
		value = value.Elem()
		if value.Type().AssignableTo(typ) {
			return value
		}
	}
	switch {
	case value.Kind() == reflect.Pointer && value.Type().Elem().AssignableTo(typ):
		if value.IsNil() {
			bail("nil pointer for %s", typ)
		}
		return value.Elem()
	case reflect.PointerTo(value.Type()).AssignableTo(typ) && value.CanAddr():
		return value.Addr()
	}
	bail("%s for %s", value.Type(), typ)
	return reflect.Value{}
}

func (s *state) fieldChain(dot, recv reflect.Value, fields []*field, args []*operand, final reflect.Value, hasFinal bool) reflect.Value {
	n := len(fields)
	for _, f := range fields[:n-1] {
		recv = s.field(dot, f, recv, nil, reflect.Value{}, false)
	}
	return s.field(dot, fields[n-1], recv, args, final, hasFinal)
}

// field reads f of recv, or calls the method f of recv with args and
// final.
func (s *state) field(dot reflect.Value, f *field, recv reflect.Value, args []*operand, final reflect.Value, hasFinal bool) reflect.Value {
	if !recv.IsValid() {
		return reflect.Value{} // text/template's default for missing data
	}
	recv, isNil := indirect(recv)
	if isNil {
		bail("nil pointer evaluating .%s", f.name)
	}
	ptr := recv
	if ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	hit := f.find(ptr.Type(), recv.Type())
	if hit.method >= 0 {
		return s.callValue(dot, ptr.Method(hit.method), args, final, hasFinal)
	}
	if len(args) > 0 || hasFinal {
		bail("arguments to field %s", f.name)
	}
	if hit.mapKey {
		return recv.MapIndex(f.key)
	}
	v, err := recv.FieldByIndexErr(hit.index)
	if err != nil {
		bail("%v", err)
	}
	return v
}

// find is where f is in a receiver of type recvType, read through ptrType
// (*recvType when the receiver is addressable, recvType otherwise):
// remembered for the last type asked.
func (f *field) find(ptrType, recvType reflect.Type) *fieldHit {
	if h := f.last.Load(); h != nil && h.typ == ptrType {
		return h
	}
	h := &fieldHit{typ: ptrType, method: -1}
	if m, ok := ptrType.MethodByName(f.name); ok {
		h.method = m.Index
	} else {
		switch recvType.Kind() {
		case reflect.Struct:
			sf, ok := recvType.FieldByName(f.name)
			if !ok || !sf.IsExported() {
				bail("no field %s in %s", f.name, recvType)
			}
			h.index = sf.Index
		case reflect.Map:
			if recvType.Key() != stringType {
				bail("key %s of %s", f.name, recvType)
			}
			h.mapKey = true
		default:
			bail("field %s of %s", f.name, recvType)
		}
	}
	f.last.Store(h)
	return h
}

// callFunc calls a function of the template.
func (s *state) callFunc(dot reflect.Value, fn *function, args []*operand, final reflect.Value, hasFinal bool) reflect.Value {
	if fn.builtin == nil {
		return s.callValue(dot, fn.value, args, final, hasFinal)
	}
	vals := make([]reflect.Value, 0, len(args)+1)
	for _, a := range args {
		vals = append(vals, s.builtinArg(dot, a))
	}
	if hasFinal {
		vals = append(vals, unwrapValue(final))
	}
	return fn.builtin(vals)
}

// builtinArg is the value of op as a builtin's argument: as it is, since
// the builtins take reflect.Values.
func (s *state) builtinArg(dot reflect.Value, op *operand) reflect.Value {
	switch op.kind {
	case opNil:
		return reflect.Value{}
	case opLiteral:
		return op.value
	}
	return unwrapValue(s.operand(dot, op))
}

// unwrapValue is the reflect.Value that v holds, when it holds one: what
// a builtin receives of it, since its parameters are reflect.Values.
func unwrapValue(v reflect.Value) reflect.Value {
	if v.IsValid() && v.Type() == reflectValueType {
		return v.Interface().(reflect.Value)
	}
	return v
}

// callValue calls fun, a method or a function, as text/template's evalCall
// does; an error it returns stops the executor.
func (s *state) callValue(dot, fun reflect.Value, args []*operand, final reflect.Value, hasFinal bool) reflect.Value {
	typ := fun.Type()
	numIn := len(args)
	if hasFinal {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			bail("too few arguments")
		}
	} else if numIn != typ.NumIn() {
		bail("wrong number of arguments")
	}
	if !(typ.NumOut() == 1 || typ.NumOut() == 2 && typ.Out(1) == errorType) {
		bail("function of %d results", typ.NumOut())
	}
	argv := make([]reflect.Value, numIn)
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		argv[i] = s.arg(dot, args[i], typ.In(i))
	}
	if typ.IsVariadic() {
		elem := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			argv[i] = s.arg(dot, args[i], elem)
		}
	}
	if hasFinal {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		argv[i] = validate(final, t)
	}
	out := fun.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		bail("error calling: %v", out[1].Interface())
	}
	return unwrapValue(out[0])
}
