package serve

import (
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// fileTypes are the content types of the site's downloads, which Go's own
// table lacks and a system without /etc/mime.types would leave to
// sniffing: a calendar served as text/plain is not offered to a phone's
// calendar.
var fileTypes = map[string]string{
	".ics":  "text/calendar; charset=utf-8",
	".csv":  "text/csv; charset=utf-8",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// cacheHeaders sets the content type of a download (fileTypes), an ETag
// (from the file's size and time, which a build rewrites) and how long a
// browser may keep the file: a year for the fingerprinted assets, whose
// names change with their content, and revalidation with the ETag for
// everything else. http.FileServer answers If-None-Match and
// If-Modified-Since with 304.
func (h *Handler) cacheHeaders(w http.ResponseWriter, urlPath string) {
	name := strings.TrimPrefix(path.Clean("/"+urlPath), "/")
	if name == "" || strings.HasSuffix(urlPath, "/") {
		name = path.Join(name, "index.html")
	}
	info, err := fs.Stat(h.site, name)
	if err != nil || info.IsDir() {
		return
	}
	if t := fileTypes[path.Ext(name)]; t != "" {
		w.Header().Set("Content-Type", t)
	}
	w.Header().Set("ETag", fmt.Sprintf(`"%x-%x"`, info.Size(), info.ModTime().UnixNano()))
	if strings.HasPrefix(name, "assets/") {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
}
