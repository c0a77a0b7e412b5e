package main

import (
	"errors"

	"github.com/kehoach/kehoach/internal/source"
)

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
