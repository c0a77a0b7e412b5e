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
		{"unknown highlight style", "highlight_style = \"rainbow\"\n", `config.toml: highlight_style "rainbow" is not a chroma style`, nil},
		{"bad base url", "base_url = \"intranet/kehoach\"\n", `config.toml: base_url "intranet/kehoach" is not an absolute http(s) URL`, nil},
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
