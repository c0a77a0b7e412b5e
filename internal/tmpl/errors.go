package tmpl

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/kehoach/kehoach/internal/suggest"
)

var (
	// executing is how text/template names the template that failed, which
	// for a layout is the block it fills ("main"), beside the position.
	executing = regexp.MustCompile(`executing "[^"]*" at `)
	// noField is text/template's error for a field or method a value lacks.
	noField = regexp.MustCompile(`(<.*>): can't evaluate field (\w+) in type (\S+)$`)
)

// runError is html/template's error on a run of a layout with data, told
// in a layout writer's terms: "layouts/task.html:5:9: <.Task.Titel>:
// model.Task has no field or method Titel (did you mean Title?)", where
// text/template says `executing "main" at <.Task.Titel>: can't evaluate
// field Titel in type *model.Task`. Its names come from the types that
// data leads to.
func runError(err error, data any) error {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	msg = strings.TrimPrefix(msg, "html/template:") // "html/template:layouts/task.html:5:56: no such template …"
	msg = executing.ReplaceAllLiteralString(msg, "")
	m := noField.FindStringSubmatchIndex(msg)
	if m == nil {
		return fmt.Errorf("%s", msg)
	}
	at, name, typ := msg[m[2]:m[3]], msg[m[4]:m[5]], msg[m[6]:m[7]]
	told := fmt.Sprintf("%s: %s has no field or method %s", at, strings.TrimPrefix(typ, "*"), name)
	if t := typeNamed(valueType(data), typ); t != nil {
		told += hint(name, members(t))
	}
	return fmt.Errorf("%s%s", msg[:m[0]], told)
}

func valueType(data any) reflect.Type {
	if v, ok := data.(reflect.Value); ok {
		return v.Type()
	}
	return reflect.TypeOf(data)
}

// typeNamed finds the type that Go names name among those root leads
// to through exported fields, the results of exported methods, pointers,
// slices and maps.
func typeNamed(root reflect.Type, name string) reflect.Type {
	if root == nil {
		return nil
	}
	seen := map[reflect.Type]bool{}
	queue := []reflect.Type{root}
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		if seen[t] {
			continue
		}
		seen[t] = true
		if t.String() == name {
			return t
		}
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			queue = append(queue, t.Elem())
		case reflect.Map:
			queue = append(queue, t.Key(), t.Elem())
		case reflect.Struct:
			for _, f := range reflect.VisibleFields(t) {
				if f.IsExported() {
					queue = append(queue, f.Type)
				}
			}
		}
		if t.Kind() != reflect.Interface {
			for i := range t.NumMethod() {
				m := t.Method(i).Type
				for o := range m.NumOut() {
					queue = append(queue, m.Out(o))
				}
			}
			if t.Kind() != reflect.Pointer {
				queue = append(queue, reflect.PointerTo(t))
			}
		}
	}
	return nil
}

// members are the names a template can use after a value of type t:
// its exported methods and, for a struct or a pointer to one, its
// exported fields, promoted ones included.
func members(t reflect.Type) []string {
	var names []string
	if t.Kind() != reflect.Interface {
		for i := range t.NumMethod() {
			names = append(names, t.Method(i).Name)
		}
	}
	s := t
	if s.Kind() == reflect.Pointer {
		s = s.Elem()
	}
	if s.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(s) {
			if f.IsExported() && !f.Anonymous {
				names = append(names, f.Name)
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// hint names the member that name most likely misspells, or else all of
// them.
func hint(name string, names []string) string {
	if len(names) == 0 {
		return ""
	}
	if best := suggest.Nearest(name, names); best != "" {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	return fmt.Sprintf(" (it has %s)", strings.Join(names, ", "))
}
