package discover

import (
	"net"
	"sort"
)

// orderSRV orders records as RFC 2782 prescribes: ascending priority; within
// one priority, repeatedly pick a record at random with probability
// proportional to its weight (zero-weight records get a small chance and
// come first in the running sum, as the RFC suggests). randN(n) returns a
// uniform int in [0, n).
func orderSRV(records []*net.SRV, randN func(int) int) []*net.SRV {
	rs := append([]*net.SRV(nil), records...)
	// A canonical order first, so only randN decides (the system resolver
	// already shuffles by weight, which would make tests nondeterministic).
	sort.SliceStable(rs, func(i, j int) bool { return srvLess(rs[i], rs[j]) })
	out := make([]*net.SRV, 0, len(rs))
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && rs[end].Priority == rs[start].Priority {
			end++
		}
		out = append(out, weightedOrder(rs[start:end], randN)...)
		start = end
	}
	return out
}

// weightedOrder orders one priority group by RFC 2782's weighted selection.
func weightedOrder(group []*net.SRV, randN func(int) int) []*net.SRV {
	left := append([]*net.SRV(nil), group...)
	out := make([]*net.SRV, 0, len(left))
	for len(left) > 0 {
		i := pickWeighted(left, randN)
		out = append(out, left[i])
		left = append(left[:i], left[i+1:]...)
	}
	return out
}

// pickWeighted returns the index chosen by one round of the RFC 2782 selection.
func pickWeighted(rs []*net.SRV, randN func(int) int) int {
	total := 0
	for _, r := range rs {
		total += int(r.Weight)
	}
	if total == 0 {
		return 0
	}
	n := randN(total + 1) // 0..total inclusive
	sum := 0
	for i, r := range rs {
		sum += int(r.Weight)
		if sum >= n {
			return i
		}
	}
	return len(rs) - 1
}

// srvLess orders by priority, then zero-weight records first (RFC 2782), then by target and port.
func srvLess(a, b *net.SRV) bool {
	switch {
	case a.Priority != b.Priority:
		return a.Priority < b.Priority
	case (a.Weight == 0) != (b.Weight == 0):
		return a.Weight == 0
	case a.Target != b.Target:
		return a.Target < b.Target
	}
	return a.Port < b.Port
}
