// Package sysfile reads and writes whole files. On Unix systems it does so
// with open, fstat, read, write and close alone: os.Open and os.Create try
// to register every file they open with the runtime's poller, which costs
// four more system calls per file (two fcntl before, an epoll_ctl that a
// regular file refuses, two fcntl after) — on a site of 10,000 pages, read
// and then written, a tenth of a second of CPU. Elsewhere it is os.ReadFile
// and os.WriteFile.
package sysfile
