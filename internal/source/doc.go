// Package source reads a site's content files from an fs.FS: it checks that
// they are valid UTF-8, normalises them (BOM removed, CRLF → LF, NFC), refuses
// symlinks that leave content/, and splits front matter from the body while
// keeping line numbers, so that every later stage can report file:line.
//
// Its Pos and Error types are the position vocabulary shared by all stages.
package source
