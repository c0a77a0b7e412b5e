package tmpl

import "reflect"

// builtin is the executor's copy of one of text/template's predefined
// functions: it takes the arguments as text/template passes them, and
// bails out where text/template would report an error.
type builtin func(args []reflect.Value) reflect.Value

// builtins are the predefined functions the executor has; a template that
// calls another one (and, or, printf…) runs on html/template alone.
var builtins = map[string]builtin{
	"eq":    eqBuiltin,
	"ne":    neBuiltin,
	"not":   notBuiltin,
	"len":   lenBuiltin,
	"index": indexBuiltin,
}

func eqBuiltin(args []reflect.Value) reflect.Value {
	if len(args) < 2 {
		bail("eq needs two arguments")
	}
	for _, b := range args[1:] {
		if equal(args[0], b) {
			return reflect.ValueOf(true)
		}
	}
	return reflect.ValueOf(false)
}

func neBuiltin(args []reflect.Value) reflect.Value {
	if len(args) != 2 {
		bail("ne needs two arguments")
	}
	return reflect.ValueOf(!equal(args[0], args[1]))
}

// equal compares two values of basic kinds as text/template's eq does;
// anything else, it leaves to text/template.
func equal(a, b reflect.Value) bool {
	a, b = indirectInterface(a), indirectInterface(b)
	ka, kb := basicKind(a), basicKind(b)
	switch {
	case ka == 0 || kb == 0:
		bail("comparison of %v and %v", a, b)
	case ka == kb:
		switch ka {
		case reflect.Bool:
			return a.Bool() == b.Bool()
		case reflect.Int:
			return a.Int() == b.Int()
		case reflect.Uint:
			return a.Uint() == b.Uint()
		case reflect.Float64:
			return a.Float() == b.Float()
		case reflect.Complex128:
			return a.Complex() == b.Complex()
		case reflect.String:
			return a.String() == b.String()
		}
	case ka == reflect.Int && kb == reflect.Uint:
		return a.Int() >= 0 && uint64(a.Int()) == b.Uint()
	case ka == reflect.Uint && kb == reflect.Int:
		return b.Int() >= 0 && a.Uint() == uint64(b.Int())
	}
	bail("comparison of %v and %v", a.Type(), b.Type())
	return false
}

// basicKind is the class of v's kind that eq compares: Int for every
// signed integer, Uint for the unsigned ones, Float64 and Complex128 for
// the floating ones; 0 for anything that is not basic.
func basicKind(v reflect.Value) reflect.Kind {
	switch v.Kind() {
	case reflect.Bool, reflect.String:
		return v.Kind()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return reflect.Int
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return reflect.Uint
	case reflect.Float32, reflect.Float64:
		return reflect.Float64
	case reflect.Complex64, reflect.Complex128:
		return reflect.Complex128
	}
	return 0
}

func notBuiltin(args []reflect.Value) reflect.Value {
	if len(args) != 1 {
		bail("not needs one argument")
	}
	truth, _ := isTrue(indirectInterface(args[0]))
	return reflect.ValueOf(!truth)
}

func lenBuiltin(args []reflect.Value) reflect.Value {
	if len(args) != 1 {
		bail("len needs one argument")
	}
	v, isNil := indirect(args[0])
	if isNil {
		bail("len of nil pointer")
	}
	switch v.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return reflect.ValueOf(v.Len())
	}
	bail("len of %v", v)
	return reflect.Value{}
}

// indexBuiltin indexes arrays, slices and strings by integers and maps by
// keys of their own type.
func indexBuiltin(args []reflect.Value) reflect.Value {
	if len(args) == 0 {
		bail("index needs an argument")
	}
	item := indirectInterface(args[0])
	if !item.IsValid() {
		bail("index of untyped nil")
	}
	for _, i := range args[1:] {
		i = indirectInterface(i)
		var isNil bool
		if item, isNil = indirect(item); isNil {
			bail("index of nil pointer")
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			var x int64
			switch basicKind(i) {
			case reflect.Int:
				x = i.Int()
			case reflect.Uint:
				if i.Uint() > uint64(item.Len()) {
					bail("index out of range")
				}
				x = int64(i.Uint())
			default:
				bail("index of %v", i)
			}
			if x < 0 || x >= int64(item.Len()) {
				bail("index out of range: %d", x)
			}
			item = item.Index(int(x))
		case reflect.Map:
			if !i.IsValid() || !i.Type().AssignableTo(item.Type().Key()) {
				bail("map key %v", i)
			}
			if x := item.MapIndex(i); x.IsValid() {
				item = x
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			bail("can't index %v", item.Type())
		}
	}
	return item
}

// isTrue is text/template's truth: not the zero of its type; ok is false
// for values that have none.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

// indirect follows pointers and interfaces to the value at their end;
// isNil reports that one of them was nil, which v then is.
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface is the value inside the interface v, or v.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}
