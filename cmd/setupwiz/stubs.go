package main

// Placeholders until each command lands in its own cmd_<name>.go; delete the
// matching line here when you add the real one.
