package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/kehoach/kehoach/internal/source"
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

// writeAssets copies static/ (the site's over the defaults), the bundled
// stylesheet and the files beside the content.
func (b *builder) writeAssets() error {
	var errs source.ErrorList
	if b.claims.claim(b.cssPath(), source.Pos{File: siteCSS}, &errs) {
		if err := b.sink.Write(b.cssPath(), b.css); err != nil {
			errs.Add(source.Pos{File: siteCSS}, "%v", err)
		}
		b.res.Files++
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
			b.copyFile(theme, p, strings.TrimPrefix(p, "static/"), &errs)
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs.Add(source.Pos{File: "static"}, "%v", err)
	}
	for _, p := range b.contentAssets {
		b.copyFile(b.opt.Site, p, strings.TrimPrefix(p, "content/"), &errs)
	}
	return errs.Err()
}

func (b *builder) copyFile(fsys fs.FS, from, to string, errs *source.ErrorList) {
	if !b.claims.claim(to, source.Pos{File: from}, errs) {
		return
	}
	data, err := fs.ReadFile(fsys, from)
	if err == nil {
		err = b.sink.Write(to, data)
	}
	if err != nil {
		errs.Add(source.Pos{File: from}, "copying: %v", err)
		return
	}
	b.res.Files++
}
