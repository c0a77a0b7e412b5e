package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/kehoach/kehoach/internal/source"
	"github.com/kehoach/kehoach/internal/vntext"
)

const siteCSS = "static/css/site.css"

// cssPath is the fingerprinted address of the stylesheet.
func (b *builder) cssPath() string {
	if b.css == nil {
		return ""
	}
	sum := sha256.Sum256(b.css)
	return "assets/site." + hex.EncodeToString(sum[:5]) + ".css"
}

// bundleCSS joins the site stylesheet and the code highlighting styles.
func (b *builder) bundleCSS() error {
	site, err := fs.ReadFile(b.themeFS(), siteCSS)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", siteCSS, err)
	}
	chroma, err := b.md.CSS()
	if err != nil {
		return err
	}
	b.css = append(append(site, "\n/* Code highlighting */\n"...), chroma...)
	return nil
}

// asset is a file copied into the site as it is.
type asset struct {
	fsys     fs.FS
	from, to string
}

// listAssets lists and claims the files of static/ (the site's over the
// defaults) and those beside the content, but those only held updates
// show or link to (heldFiles).
func (b *builder) listAssets(errs *source.ErrorList) []asset {
	var out []asset
	add := func(fsys fs.FS, from, to string) {
		if b.claims.claim(to, source.Pos{File: from}, errs) {
			out = append(out, asset{fsys, from, to})
		}
	}
	theme := b.themeFS()
	err := fs.WalkDir(theme, "static", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case !d.IsDir() && source.EditorFile(d.Name()):
			// an editor's backup, lock or swap file beside a file being edited
		case d.Type()&fs.ModeSymlink != 0:
			errs.Add(source.Pos{File: p}, "symlinks in static/ are not followed: copy the file instead")
		case !d.IsDir() && p != siteCSS:
			add(theme, p, vntext.NFC(strings.TrimPrefix(p, "static/")))
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs.Add(source.Pos{File: "static"}, "%v", err)
	}
	// A file's name is published in NFC, as the pages' text and links are:
	// "tài-liệu.pdf" copied from a Mac or unzipped from one is NFD on disk.
	held := b.heldFiles()
	for _, p := range b.contentAssets {
		if name := vntext.NFC(strings.TrimPrefix(p, "content/")); !held[strings.ToLower(name)] {
			add(b.opt.Site, p, name)
		}
	}
	return out
}

// writeAssets writes the bundled stylesheet and copies the assets
// (listAssets).
func (b *builder) writeAssets() error {
	var errs source.ErrorList
	if err := b.sink.Write(b.cssPath(), b.css); err != nil {
		errs.Add(source.Pos{File: siteCSS}, "%v", err)
	}
	b.res.Files++
	for _, a := range b.assets {
		data, err := fs.ReadFile(a.fsys, a.from)
		if err == nil {
			err = b.sink.Write(a.to, data)
		}
		if err != nil {
			errs.Add(source.Pos{File: a.from}, "copying: %v", err)
			continue
		}
		b.res.Files++
	}
	return errs.Err()
}
