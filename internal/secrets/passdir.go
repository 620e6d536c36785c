package secrets

import (
	"os"
	"path/filepath"
	"strings"
)

// passDir is the password store pass(1) will use: Config.PassDir, else
// PASSWORD_STORE_DIR, else ~/.password-store, read from the environment the
// child process gets (Config.Env, or the caller's when nil).
func (c Config) passDir() string {
	if c.PassDir != "" {
		return c.PassDir
	}
	env := c.Env
	if env == nil {
		env = os.Environ()
	}
	if dir := lookupEnv(env, "PASSWORD_STORE_DIR"); dir != "" {
		return dir
	}
	if home := lookupEnv(env, "HOME"); home != "" {
		return filepath.Join(home, ".password-store")
	}
	return ""
}

// lookupEnv returns the last value of key in env (as exec does).
func lookupEnv(env []string, key string) string {
	val := ""
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			val = v
		}
	}
	return val
}
