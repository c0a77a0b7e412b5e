package markdown

import (
	"bytes"
	"fmt"
)

// maxIndent is the deepest indentation, in columns, that a line outside a
// code block may have. goldmark's time grows with the cube of the depth of
// nested lists (2,000 levels took 10 s, 10,000 would take half an hour);
// real documents stay under ten levels, 20 columns.
const maxIndent = 256

// tooDeep returns the offset of the first line, outside fenced code, that is
// indented more than maxIndent columns, or -1.
func tooDeep(src []byte) (offset, columns int) {
	fence := []byte(nil)
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		line := src[off : off+end]
		cols := indent(line)
		trimmed := bytes.TrimLeft(line, " \t")
		switch {
		case fence != nil && bytes.HasPrefix(trimmed, fence):
			fence = nil
		case fence == nil && (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))):
			fence = trimmed[:3]
		case fence == nil && cols > maxIndent:
			return off, cols
		}
		off += end + 1
	}
	return -1, 0
}

// indent counts the leading columns of line, a tab to the next multiple of four.
func indent(line []byte) int {
	cols := 0
	for _, c := range line {
		switch c {
		case ' ':
			cols++
		case '\t':
			cols += 4 - cols%4
		default:
			return cols
		}
	}
	return cols
}

// depthProblem is the problem of a body nested too deep.
func depthProblem(offset, columns int) Problem {
	return Problem{Offset: offset, Msg: fmt.Sprintf(
		"line indented %d columns: lists and quotes nested this deep are not supported (at most %d columns)", columns, maxIndent)}
}
