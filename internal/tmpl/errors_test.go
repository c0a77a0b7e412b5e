package tmpl

import (
	"html/template"
	"io"
	"reflect"
	"testing"
)

type errTask struct{ Title string }

func (errTask) Due() string { return "" }

type errView struct {
	Task  *errTask
	Tasks []*errTask
}

func TestRunError(t *testing.T) {
	for _, tc := range []struct{ layout, want string }{
		{`{{.Task.Titel}}`, `layouts/t.html:1:7: <.Task.Titel>: tmpl.errTask has no field or method Titel (did you mean Title?)`},
		{`{{.Task.title}}`, `layouts/t.html:1:7: <.Task.title>: tmpl.errTask has no field or method title (did you mean Title?)`},
		{`{{.Task.Agency}}`, `layouts/t.html:1:7: <.Task.Agency>: tmpl.errTask has no field or method Agency (it has Due, Title)`},
		{`{{range .Tasks}}{{.Deu}}{{end}}`, `layouts/t.html:1:18: <.Deu>: tmpl.errTask has no field or method Deu (did you mean Due?)`},
		{`{{.Taks}}`, `layouts/t.html:1:2: <.Taks>: tmpl.errView has no field or method Taks (did you mean Task?)`},
		{`{{.Task.Title.Size}}`, `layouts/t.html:1:7: <.Task.Title.Size>: string has no field or method Size`},
		{`{{.Task.Due 1}}`, `layouts/t.html:1:7: <.Task.Due>: wrong number of args for Due: want 0 got 1`},
	} {
		tp := template.Must(template.New("layouts/t.html").Parse(tc.layout))
		data := &errView{Task: &errTask{}, Tasks: []*errTask{{}}}
		for _, d := range []any{data, reflect.ValueOf(data)} {
			err := tp.Execute(io.Discard, d)
			if err == nil {
				t.Fatalf("%s: no error", tc.layout)
			}
			if got := runError(err, d).Error(); got != tc.want {
				t.Errorf("%s:\n got %s\nwant %s", tc.layout, got, tc.want)
			}
		}
	}
}
