// Command gensite writes a synthetic kehoach content tree for benchmarks.
//
//	go run ./internal/sitegen/gensite -pages 10000 -corpus ../shared/source/ke-hoach-nq21.txt -out DIR
//
// It writes DIR/content and fails if that folder already exists.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/kehoach/kehoach/internal/sitegen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gensite:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fl := flag.NewFlagSet("gensite", flag.ContinueOnError)
	pages := fl.Int("pages", 10000, "number of task, guidance and update pages")
	seed := fl.Int64("seed", 1, "random seed; equal flags give identical output")
	corpusPath := fl.String("corpus", "", "text file to sample sentences from (default: built-in excerpt)")
	out := fl.String("out", "", "site folder to write DIR/content into (required)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("-out DIR is required")
	}
	content := filepath.Join(*out, "content")
	if _, err := os.Stat(content); err == nil {
		return fmt.Errorf("%s already exists; choose a fresh -out folder", content)
	}
	var corpus string
	if *corpusPath != "" {
		b, err := os.ReadFile(*corpusPath)
		if err != nil {
			return err
		}
		corpus = string(b)
	}
	o := sitegen.Options{Pages: *pages, Seed: *seed, Corpus: corpus}
	if err := sitegen.Generate(*out, o); err != nil {
		return err
	}
	files, size, err := du(content)
	if err != nil {
		return err
	}
	fmt.Printf("wrote %d files, %.1f MB, into %s\n", files, float64(size)/1e6, content)
	return nil
}

// du counts the regular files below dir and their total size in bytes.
func du(dir string) (int, int64, error) {
	var files int
	var size int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	return files, size, err
}
