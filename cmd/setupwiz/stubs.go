package main

import "context"

// Placeholders until each command lands in its own cmd_<name>.go; delete the
// matching line here when you add the real one.

func runDemo(ctx context.Context, args []string, e *env) error { return usagef("demo: not built yet") }
