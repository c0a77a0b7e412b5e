// Package config reads a site's config.toml into a validated Config.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"github.com/alecthomas/chroma/v2/styles"

	"github.com/kehoach/kehoach/internal/source"
)

// FileName is the configuration file at the root of a site.
const FileName = "config.toml"

// Config is a site's configuration.
type Config struct {
	Title          string `toml:"title"`           // site title, shown in every header
	Description    string `toml:"description"`     // one sentence for the home page and feeds
	Author         string `toml:"author"`          // the issuing body, for feeds
	BaseURL        string `toml:"base_url"`        // absolute URL of the site; empty: relative links
	UnsafeHTML     bool   `toml:"unsafe_html"`     // render raw HTML in Markdown instead of escaping it
	HighlightStyle string `toml:"highlight_style"` // chroma style for code blocks
	DueSoonDays    int    `toml:"due_soon_days"`   // a deadline this close counts as "due soon"
	UpdatesOnHome  int    `toml:"updates_on_home"` // how many updates the home page lists
}

// Default is the configuration of a site without config.toml.
func Default() Config {
	return Config{
		Title:          "Kế hoạch",
		HighlightStyle: "github",
		DueSoonDays:    30,
		UpdatesOnHome:  5,
	}
}

// Load reads FileName from fsys, falling back to Default for a missing file
// and for keys the file leaves out.
func Load(fsys fs.FS) (Config, error) {
	c := Default()
	raw, err := fs.ReadFile(fsys, FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("%s: %w", FileName, err)
	}
	if err := decode(raw, &c); err != nil {
		return c, err
	}
	return c, c.validate(source.TOMLKeyLines(raw))
}

func decode(raw []byte, c *Config) error {
	return source.DecodeTOML(FileName, raw, c)
}

// CheckBaseURL reports whether the base URL, named name in messages, is an
// absolute http or https URL.
func (c *Config) CheckBaseURL(name string) error {
	if c.BaseURL == "" {
		return nil
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(c.BaseURL, " \t\n\"'<>") {
		return fmt.Errorf("%s %q is not an absolute http(s) URL (want https://host/path/)", name, c.BaseURL)
	}
	return nil
}

// validate checks the values of the keys, which stand at lines in the file.
func (c *Config) validate(lines map[string]int) error {
	var list source.ErrorList
	pos := func(key string) source.Pos { return source.Pos{File: FileName, Line: lines[key]} }
	if err := c.CheckBaseURL("base_url"); err != nil {
		list.Add(pos("base_url"), "%v", err)
	}
	if styles.Registry[strings.ToLower(c.HighlightStyle)] == nil {
		list.Add(pos("highlight_style"), "highlight_style %q is not a chroma style (for example github, monokai, friendly)", c.HighlightStyle)
	}
	if c.DueSoonDays < 0 {
		list.Add(pos("due_soon_days"), "due_soon_days must not be negative")
	}
	if c.UpdatesOnHome < 0 {
		list.Add(pos("updates_on_home"), "updates_on_home must not be negative")
	}
	return list.Err()
}
