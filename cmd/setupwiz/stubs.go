package main

import "context"

// Placeholders until each command lands in its own cmd_<name>.go; delete the
// matching line here when you add the real one.

func runRepair(ctx context.Context, args []string, e *env) error {
	return usagef("repair: not built yet")
}
func runProfiles(ctx context.Context, args []string, e *env) error {
	return usagef("profiles: not built yet")
}
func runImport(ctx context.Context, args []string, e *env) error {
	return usagef("import: not built yet")
}
func runDemo(ctx context.Context, args []string, e *env) error { return usagef("demo: not built yet") }
