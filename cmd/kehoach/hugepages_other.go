//go:build !linux

package main

// preferHugePages does nothing: the advice is Linux's (see hugepages.go).
func preferHugePages(int) {}
