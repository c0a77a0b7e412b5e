package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name, file, wantErr string
		want                func(Config) bool
	}{
		{"missing file gives defaults", "", "", func(c Config) bool { return c.DueSoonDays == 30 }},
		{"values", "title = \"Kế hoạch 21\"\ndue_soon_days = 14\n", "", func(c Config) bool {
			return c.Title == "Kế hoạch 21" && c.DueSoonDays == 14 && c.HighlightStyle == "github"
		}},
		{"unknown key", "title = \"x\"\ntitel = \"y\"\n", `config.toml:2:1: unknown key "titel"`, nil},
		{"syntax", "title = \n", "config.toml:1:", nil},
		{"unknown highlight style", "title = \"x\"\nhighlight_style = \"rainbow\"\n", `config.toml:2: highlight_style "rainbow" is not a chroma style`, nil},
		{"bad base url", "\nbase_url = \"intranet/kehoach\"\n", `config.toml:2: base_url "intranet/kehoach" is not an absolute http(s) URL`, nil},
		{"negative days", "title = \"x\"\n\n due_soon_days = -5\n", `config.toml:3: due_soon_days must not be negative`, nil},
		{"wrong type", "title = 5\n", `config.toml:1:9: title must be text, not a whole number`, nil},
		{"wrong type bool", "unsafe_html = \"yes\"\n", `config.toml:1:15: unsafe_html must be true or false, not text`, nil},
		{"wrong type date", "title = 2026-01-01\n", `config.toml:1:9: title must be text, not a date`, nil},
		{"wrong type table", "description = { a = 1 }\n", `config.toml:1:15: description must be text, not a table`, nil},
		{"wrong type float", "updates_on_home = 2.5\n", `config.toml:1:19: updates_on_home must be a whole number, not a decimal number`, nil},
		{"negative updates", "updates_on_home = -1\n", `config.toml:1: updates_on_home must not be negative`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			if tt.file != "" {
				fsys[FileName] = &fstest.MapFile{Data: []byte(tt.file)}
			}
			c, err := Load(fsys)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load() error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.want(c) {
				t.Errorf("Load() = %+v", c)
			}
		})
	}
}
