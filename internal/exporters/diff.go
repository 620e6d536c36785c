package exporters

import (
	"fmt"
	"strings"
)

// UnifiedDiff returns a unified diff (3 lines of context) from a to b, or ""
// when they are equal. It uses a longest-common-subsequence table, fine for
// config-sized files; beyond maxDiffCells it reports one replacing hunk.
func UnifiedDiff(oldName, newName string, a, b []byte) string {
	if string(a) == string(b) {
		return ""
	}
	x, y := splitLines(string(a)), splitLines(string(b))
	ops := diffOps(x, y)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	for _, h := range hunks(ops, 3) {
		writeHunk(&out, h)
	}
	return out.String()
}

// splitLines keeps each line's newline; a last line without one gets a marker line.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		return lines[:len(lines)-1]
	}
	lines[len(lines)-1] += "\n\\ No newline at end of file\n"
	return lines
}

// diffOp is one line of the edit script: ' ' kept, '-' removed, '+' added.
type diffOp struct {
	kind       byte
	line       string
	aIdx, bIdx int // 0-based positions in a and b before this op
}

const maxDiffCells = 4_000_000

func diffOps(x, y []string) []diffOp {
	if (len(x)+1)*(len(y)+1) > maxDiffCells {
		return replaceAll(x, y)
	}
	lcs := lcsTable(x, y)
	var ops []diffOp
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			ops = append(ops, diffOp{' ', x[i], i, j})
			i, j = i+1, j+1
		case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, diffOp{'-', x[i], i, j}) // a changed line reads old, then new
			i++
		default:
			ops = append(ops, diffOp{'+', y[j], i, j})
			j++
		}
	}
	return ops
}

// lcsTable[i][j] is the LCS length of x[i:] and y[j:].
func lcsTable(x, y []string) [][]int {
	t := make([][]int, len(x)+1)
	for i := range t {
		t[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	return t
}

func replaceAll(x, y []string) []diffOp {
	var ops []diffOp
	for i, l := range x {
		ops = append(ops, diffOp{'-', l, i, 0})
	}
	for j, l := range y {
		ops = append(ops, diffOp{'+', l, len(x), j})
	}
	return ops
}

// hunks groups changes with up to ctx kept lines around them.
func hunks(ops []diffOp, ctx int) [][]diffOp {
	var out [][]diffOp
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(0, i-ctx)
		end := hunkEnd(ops, i, ctx)
		out = append(out, ops[start:end])
		i = end
	}
	return out
}

// hunkEnd extends from change i until more than 2*ctx kept lines separate changes.
func hunkEnd(ops []diffOp, i, ctx int) int {
	kept := 0
	for ; i < len(ops); i++ {
		if ops[i].kind != ' ' {
			kept = 0
			continue
		}
		if kept++; kept > 2*ctx {
			return i - ctx
		}
	}
	return min(len(ops), len(ops)-max(0, kept-ctx))
}

func writeHunk(out *strings.Builder, h []diffOp) {
	aLen, bLen := 0, 0
	for _, op := range h {
		if op.kind != '+' {
			aLen++
		}
		if op.kind != '-' {
			bLen++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(h[0].aIdx, aLen), hunkRange(h[0].bIdx, bLen))
	for _, op := range h {
		out.WriteString(string(op.kind) + op.line)
	}
}

// hunkRange prints start,len with the unified-diff convention for empty ranges.
func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}
