package model

import (
	"maps"
	"slices"

	"github.com/kehoach/kehoach/internal/source"
)

// A group is an agency that stands for others: the plan gives tasks to
// "các đảng đoàn, ban cán sự đảng" as one, and each of them must do them.
// Its file names them (members = ["dang-doan-hdnd", …]); each member's
// page, counts, calendar and search filter then hold the group's tasks
// beside its own, and the task's page still names the group, as the plan
// does.

// resolveGroups resolves the members of every group and gives each member
// the group's tasks, once every task is resolved.
func (s *Site) resolveGroups() {
	at := map[*Agency]source.Pos{} // where each group names its members
	for _, slug := range slices.Sorted(maps.Keys(s.agencies)) {
		g := s.agencies[slug]
		if !g.group {
			continue
		}
		fl := newFields(g.Meta, &s.errs)
		at[g] = fl.meta.KeyPos("members")
		seen := map[*Agency]bool{}
		for _, m := range fl.strs("members") {
			a := s.agencies[m]
			switch {
			case a == nil:
				s.noAgency(fl.meta.KeyPos("members"), "members", m)
				continue
			case a == g:
				fl.errorf("members", "members names %q, the group itself", m)
				continue
			case seen[a]:
				fl.errorf("members", "members names %q twice", m)
				continue
			}
			seen[a] = true
			g.Members = append(g.Members, a)
			a.Groups = append(a.Groups, g)
		}
	}
	for _, g := range s.Agencies {
		for _, m := range g.Members {
			if len(m.Members) > 0 {
				s.errs.Add(at[g], "members: %q is a group itself (its file names members): name its members instead", m.Slug)
				continue
			}
			for _, t := range g.Leads {
				if !m.has(t) {
					m.Leads = append(m.Leads, t)
				}
			}
			for _, t := range g.Partners {
				if !m.has(t) {
					m.Partners = append(m.Partners, t)
				}
			}
		}
	}
}

// has reports whether a leads or partners t.
func (a *Agency) has(t *Task) bool {
	return slices.Contains(a.Leads, t) || slices.Contains(a.Partners, t)
}
