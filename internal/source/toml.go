package source

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// DecodeTOML decodes the TOML file named file (raw) into v, refusing keys
// that v does not have: every unknown key, or the syntax error, is an Error
// at its line and column.
func DecodeTOML(file string, raw []byte, v any) error {
	dec := toml.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var de *toml.DecodeError
	var sm *toml.StrictMissingError
	switch {
	case errors.As(err, &sm) && len(sm.Errors) > 0:
		var list ErrorList
		for _, e := range sm.Errors {
			row, col := e.Position()
			list.Add(Pos{File: file, Line: row, Col: col}, "unknown key %q", strings.Join(e.Key(), "."))
		}
		return list.Err()
	case errors.As(err, &de):
		row, col := de.Position()
		return Errorf(Pos{File: file, Line: row, Col: col}, "%s", de.Error())
	case err != nil:
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}
