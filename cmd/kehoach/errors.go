package main

import (
	"cmp"
	"errors"
	"strings"

	"github.com/kehoach/kehoach/internal/source"
)

// comparePos orders positions by file, line and column.
func comparePos(a, b source.Pos) int {
	return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
}

// asList unpacks err into a list of positioned errors.
func asList(err error, list *source.ErrorList) bool {
	if errors.As(err, list) {
		return true
	}
	var one *source.Error
	if errors.As(err, &one) {
		*list = source.ErrorList{one}
		return true
	}
	return false
}
