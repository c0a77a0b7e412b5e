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

// maxQuotes is the most quote and list markers (">", "-", "1.") that may
// start a line: goldmark's time grows with the square of the depth of
// nested quotes (100,000 levels took 12 s; 40,000 of "> - " 7.8 s); real
// documents quote a quote or two, in a list or two.
const maxQuotes = 100

// maxLinkOpens is the most "](" that one paragraph may hold: goldmark's
// time grows with the square of the links in a paragraph ("[a](" 20,000
// times took 1.9 s, 60,000 times 17 s; "[a](b) " 60,000 times 12 s),
// though not in a list, whose items are each their own; a paragraph of
// 5,000 links takes 0.15 s, far more than real text holds.
const maxLinkOpens = 5000

// tooDeep returns the offset of the first line, outside fenced code, that is
// indented more than maxIndent columns or quoted more than maxQuotes deep,
// or of a paragraph with more than maxLinkOpens "](", and the problem; or -1.
func tooDeep(src []byte) (int, Problem) {
	fence := []byte(nil)
	para, opens := 0, 0 // the paragraph's first line, and its "]("
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		line := src[off : off+end]
		cols := indent(line)
		trimmed := bytes.TrimLeft(line, " \t")
		marks := markers(trimmed)
		switch {
		case fence != nil && bytes.HasPrefix(trimmed, fence):
			fence = nil
		case fence == nil && (bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))):
			fence = trimmed[:3]
		case fence == nil && cols > maxIndent:
			return off, Problem{Offset: off, Msg: fmt.Sprintf(
				"line indented %d columns: lists and quotes nested this deep are not supported (at most %d columns)", cols, maxIndent)}
		case fence == nil && marks > maxQuotes:
			return off, Problem{Offset: off, Msg: fmt.Sprintf(
				"line nested %d quotes and lists deep: quotes and lists nested this deep are not supported (at most %d)", marks, maxQuotes)}
		case fence == nil && len(trimmed) == 0:
			para, opens = off+end+1, 0
		case fence == nil:
			if marks > 0 || trimmed[0] == '#' || trimmed[0] == '|' {
				para, opens = off, 0 // a list item, a heading, a table row: its own inline text
			}
			if opens += bytes.Count(line, []byte("](")); opens > maxLinkOpens {
				return para, Problem{Offset: para, Msg: fmt.Sprintf(
					"paragraph with more than %d links (\"](\"): split it, or write the brackets as \\[ \\]", maxLinkOpens)}
			}
		}
		off += end + 1
	}
	return -1, Problem{}
}

// markers counts the quote and list markers that start line, spaces
// between them: "> - 1. > x" has four.
func markers(line []byte) int {
	n := 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '>':
			n++
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			n++
			i++
		case '0' <= c && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && '0' <= line[j] && line[j] <= '9' {
				j++
			}
			if j == len(line) || line[j] != '.' && line[j] != ')' || j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t' {
				return n
			}
			n++
			i = j + 1
		default:
			return n
		}
	}
	return n
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
