package source

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"github.com/kehoach/kehoach/internal/vntext"
)

// Format is the syntax of a file's front matter.
type Format int

const (
	NoFrontMatter Format = iota
	TOML                 // between "+++" lines
	YAML                 // between "---" lines
)

// File is one content file, normalised and split.
type File struct {
	Path      string // slash-separated, relative to the site root
	Format    Format
	Front     []byte // front matter text without its delimiters
	FrontLine int    // line of the first front matter line
	Body      []byte
	BodyLine  int // line of the first body line

	Meta    *Meta // decoded front matter, set by Read
	MetaErr error // why the front matter could not be decoded
}

// Pos returns the position of line n of f (1-based, file-relative).
func (f *File) Pos(line int) Pos { return Pos{File: f.Path, Line: line} }

// BodyPos converts a byte offset in f.Body into a position.
func (f *File) BodyPos(offset int) Pos {
	if offset < 0 || offset > len(f.Body) {
		return Pos{File: f.Path, Line: f.BodyLine}
	}
	p := positionOf(f.Body, offset)
	return Pos{File: f.Path, Line: f.BodyLine + p.Line - 1, Col: p.Col}
}

// Parse normalises raw file bytes and splits the front matter from the body.
// The File may share raw's memory (when raw is NFC, without a CR): neither
// is to be changed afterwards (the Cache compares raw with what it read).
func Parse(path string, raw []byte) (*File, error) {
	if enc := wideEncoding(raw); enc != "" {
		return nil, Errorf(Pos{File: path, Line: 1, Col: 1}, "the file is %s: save it as UTF-8", enc)
	}
	stable := vntext.StableNFC(raw) // valid UTF-8 already in NFC, as most Vietnamese text: one quick scan
	if !stable {
		if off := invalidUTF8(raw); off >= 0 {
			p := positionOf(raw, off)
			p.File = path
			return nil, Errorf(p, "invalid UTF-8 (byte 0x%02x): save the file as UTF-8", raw[off])
		}
	}
	if off := bytes.IndexByte(raw, 0); off >= 0 {
		p := positionOf(raw, off)
		p.File = path
		return nil, Errorf(p, "NUL byte: the file is damaged, or not a text file")
	}
	raw = lineEnds(bytes.TrimPrefix(raw, []byte("\ufeff")))
	if !stable {
		raw = vntext.NFCBytes(raw)
	}
	return split(path, raw)
}

func split(path string, raw []byte) (*File, error) {
	f := &File{Path: path, Body: raw, BodyLine: 1}
	first, rest, _ := bytes.Cut(raw, []byte("\n"))
	first = bytes.TrimRight(first, " \t")
	var delim string
	switch string(first) {
	case "+++":
		f.Format, delim = TOML, "+++"
	case "---":
		f.Format, delim = YAML, "---"
	default:
		if err := misplacedFront(f, raw); err != nil {
			return nil, err
		}
		return f, nil
	}
	front, body, ok := cutAtLine(rest, delim)
	if !ok {
		return nil, Errorf(f.Pos(1), "front matter opened with %q is never closed: add a line %q after it", delim, delim)
	}
	f.Front, f.FrontLine = front, 2
	f.Body = body
	f.BodyLine = 2 + bytes.Count(front, []byte("\n")) + 1
	return f, nil
}

// misplacedFront reports front matter that does not open on the file's
// first line, which is then read as the body: its keys were on the page
// and the build said only "missing title". It opens on the first line that
// is not blank, with "+++" (never Markdown) or "---" above a "key: value"
// line; or the first line is a delimiter mistyped ("++++").
func misplacedFront(f *File, raw []byte) error {
	lines := bytes.SplitN(raw, []byte("\n"), 64)
	if first := bytes.TrimSpace(lines[0]); len(first) > 3 && len(bytes.Trim(first, "+")) == 0 {
		return Errorf(f.Pos(1), "front matter opens with a line %q, not %q: write exactly +++", first, "+++")
	}
	for i, line := range lines {
		t := bytes.TrimSpace(line)
		if len(t) == 0 {
			continue
		}
		yaml := string(t) == "---" && i+1 < len(lines) && frontKey.Match(lines[i+1])
		if string(t) != "+++" && !yaml || i == 0 && len(t) == len(bytes.TrimRight(line, " \t")) {
			return nil
		}
		what := "after blank lines"
		if i == 0 {
			what = "after spaces"
		}
		return Errorf(f.Pos(i+1), "front matter must open on the file's first line, with %q at its start: here it opens %s, and is read as the page's text; delete what comes before it", t, what)
	}
	return nil
}

// frontKey is a line of front matter: "title = …", "title: …".
var frontKey = regexp.MustCompile(`^\s*[A-Za-z_][A-Za-z0-9_-]*\s*[:=]`)

// cutAtLine splits b at the first line that is exactly delim.
func cutAtLine(b []byte, delim string) (before, after []byte, ok bool) {
	for off := 0; off <= len(b); {
		end := bytes.IndexByte(b[off:], '\n')
		line := b[off:]
		if end >= 0 {
			line = b[off : off+end]
		}
		if string(bytes.TrimRight(line, " \t")) == delim {
			if end < 0 {
				return b[:off], nil, true
			}
			return b[:off], b[off+end+1:], true
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, nil, false
}

func invalidUTF8(b []byte) int {
	if utf8.Valid(b) { // many times faster than decoding rune by rune
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// positionOf returns the 1-based line and column of byte offset off in b.
// Columns count characters, as editors do, not bytes.
// lineEnds ends every line of b with LF: Windows ends them with CR LF, the
// old Mac OS with CR alone. b is returned as it is when it has no CR
// (ReplaceAll copies even when nothing matches).
func lineEnds(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
}

func positionOf(b []byte, off int) Pos {
	before := lineEnds(b[:off]) // a file not yet read as lines
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return Pos{
		Line: bytes.Count(before, []byte("\n")) + 1,
		Col:  runeCount(before[lineStart:]) + 1,
	}
}

// runeCount counts characters, each invalid byte as one.
func runeCount(b []byte) int { return utf8.RuneCount(b) }

// NamesAlike is what to add to a report of two files a and b that clash,
// when their names differ only in Unicode form: they print alike, and the
// writer cannot tell why without being told.
func NamesAlike(a, b string) string {
	if a == b || vntext.NFC(a) != vntext.NFC(b) {
		return ""
	}
	return " (the two names look the same but are encoded differently, one with separate accents as a Mac writes names: they are two copies, keep one)"
}

// wideEncoding names the encoding of a file written in UTF-32 or UTF-16
// (Notepad's "Unicode"), by its byte-order mark or, without one, by the
// NUL bytes that its ASCII letters bring in their first 64 bytes; "" for
// another.
func wideEncoding(raw []byte) string {
	switch {
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe, 0, 0}), bytes.HasPrefix(raw, []byte{0, 0, 0xfe, 0xff}):
		return "UTF-32"
	case bytes.HasPrefix(raw, []byte{0xff, 0xfe}), bytes.HasPrefix(raw, []byte{0xfe, 0xff}):
		return `UTF-16 (Notepad's "Unicode")`
	}
	head := raw[:min(len(raw), 64)]
	if len(head) >= 8 && bytes.Count(head, []byte{0}) >= len(head)/4 {
		return `UTF-16 (Notepad's "Unicode"), or another encoding of two bytes or more a letter`
	}
	return ""
}
