package source

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// Meta is decoded front matter: its values by key, and the line of each key.
type Meta struct {
	File   *File
	Values map[string]any
	Lines  map[string]int
}

// KeyPos returns the position of key in the file, or of the front matter's
// first line when the key is absent.
func (m *Meta) KeyPos(key string) Pos {
	if line, ok := m.Lines[key]; ok {
		return m.File.Pos(line)
	}
	return m.File.Pos(max(m.File.FrontLine-1, 1))
}

// DecodeMeta decodes f's front matter. A file without front matter has an
// empty Meta.
func DecodeMeta(f *File) (*Meta, error) {
	m := &Meta{File: f, Values: map[string]any{}, Lines: map[string]int{}}
	switch f.Format {
	case TOML:
		return m, m.decodeTOML()
	case YAML:
		return m, m.decodeYAML()
	}
	return m, nil
}

func (m *Meta) decodeTOML() error {
	if err := toml.Unmarshal(m.File.Front, &m.Values); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return Errorf(Pos{File: m.File.Path, Line: m.File.FrontLine + row - 1, Col: charColumn(m.File.Front, row, col)},
				"front matter (TOML): %s", de.Error())
		}
		return Errorf(m.File.Pos(m.File.FrontLine), "front matter (TOML): %v", err)
	}
	m.Lines = tomlKeyLines(m.File.Front, m.File.FrontLine)
	return nil
}

var tomlKey = regexp.MustCompile(`^\s*(\[\[?)?\s*"?([A-Za-z0-9_-]+)"?\s*(\]\]?)?\s*(=|$)`)

// tomlKeyLines finds the line of each top-level key (and of each table header).
func tomlKeyLines(front []byte, firstLine int) map[string]int {
	lines := map[string]int{}
	inTable := false
	for i, line := range bytes.Split(front, []byte("\n")) {
		m := tomlKey.FindSubmatch(line)
		if m == nil {
			continue
		}
		key, isTable := string(m[2]), len(m[1]) > 0
		if isTable {
			inTable = true
		} else if inTable || len(m[4]) == 0 {
			continue
		}
		if _, seen := lines[key]; !seen {
			lines[key] = firstLine + i
		}
	}
	return lines
}

var yamlLine = regexp.MustCompile(`^line (\d+): `)

func (m *Meta) decodeYAML() error {
	var doc yaml.Node
	if err := yaml.Unmarshal(m.File.Front, &doc); err != nil {
		return m.yamlError(err)
	}
	if len(doc.Content) == 0 {
		return nil // empty front matter
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return Errorf(m.File.Pos(m.File.FrontLine), "front matter (YAML): want key: value pairs, got %s", kindName(root.Kind))
	}
	if err := doc.Decode(&m.Values); err != nil {
		return m.yamlError(err)
	}
	if m.Values == nil {
		m.Values = map[string]any{}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		m.Lines[root.Content[i].Value] = m.File.FrontLine + root.Content[i].Line - 1
	}
	return nil
}

// yamlError places a YAML error at its line in the file.
func (m *Meta) yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := m.File.FrontLine
	if sub := yamlLine.FindStringSubmatch(msg); sub != nil {
		n, _ := strconv.Atoi(sub[1])
		line += n - 1
	}
	return Errorf(m.File.Pos(line), "front matter (YAML): %s", yamlLine.ReplaceAllString(msg, ""))
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return fmt.Sprintf("YAML node kind %d", k)
}

// charColumn converts a 1-based byte column on line row of b into a
// character column.
func charColumn(b []byte, row, col int) int {
	lines := bytes.Split(b, []byte("\n"))
	if row < 1 || row > len(lines) || col < 1 {
		return col
	}
	line := lines[row-1]
	return runeCount(line[:min(col-1, len(line))]) + 1
}
