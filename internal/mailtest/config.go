package mailtest

import (
	"fmt"
	"path/filepath"
	"strings"
	"text/template"
)

// dovecotConfig is what the dovecot.conf template needs.
type dovecotConfig struct {
	Dir, Instance, Listen   string
	POP3Plain, POP3S        int
	SubmissionPlain, SubTLS int
	SinkPort                int
	ID                      configIdentity
	Extra                   string // appended as is (see Server.extraConfig)
}

// configIdentity is the part of identity the template shows.
type configIdentity struct {
	Root                                  bool
	LoginUser, Group, MailUser, MailGroup string
}

func (id identity) forConfig() configIdentity {
	return configIdentity{id.root, id.loginUser, id.group, id.mailUser, id.mailGroup}
}

// The lenient plain ports double as the forwarders' upstream: a connection
// from 127.0.0.1 counts as secure, one from 127.0.0.2 does not.
// The anvil-auth-penalty listener is disabled (mode 0): otherwise each failed
// login makes the next one from the same IP wait 4, 8, then 15 seconds.
const dovecotTemplate = `# written by internal/mailtest
base_dir = {{.Dir}}/run
state_dir = {{.Dir}}/state
instance_name = {{.Instance}}
log_path = {{.Dir}}/log/dovecot.log
protocols = pop3 submission
listen = {{.Listen}}
hostname = localhost
login_greeting = Dovecot ready.
ssl = yes
ssl_cert = <{{.Dir}}/tls/server.crt
ssl_key = <{{.Dir}}/tls/server.key
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login cram-md5 scram-sha-1 scram-sha-256
auth_username_format = %Lu
auth_verbose = yes
auth_failure_delay = 0
first_valid_uid = 1
mail_uid = {{.ID.MailUser}}
mail_gid = {{.ID.MailGroup}}
{{- if not .ID.Root}}
default_login_user = {{.ID.LoginUser}}
default_internal_user = {{.ID.LoginUser}}
default_internal_group = {{.ID.Group}}
{{- end}}
passdb {
  driver = passwd-file
  args = {{.Dir}}/users
}
userdb {
  driver = passwd-file
  args = {{.Dir}}/users
}
mail_location = maildir:~/Maildir
mail_max_userip_connections = 100
pop3_uidl_format = %f
submission_relay_host = 127.0.0.1
submission_relay_port = {{.SinkPort}}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
{{- if not .ID.Root}}
  chroot =
{{- end}}
}
service pop3-login {
{{- if not .ID.Root}}
  chroot =
{{- end}}
  inet_listener pop3 {
    port = {{.POP3Plain}}
  }
  inet_listener pop3s {
    port = {{.POP3S}}
    ssl = yes
  }
}
service submission-login {
{{- if not .ID.Root}}
  chroot =
{{- end}}
  inet_listener submission {
    port = {{.SubmissionPlain}}
  }
  inet_listener submissions {
    port = {{.SubTLS}}
    ssl = yes
  }
}
{{.Extra}}`

// render produces dovecot.conf. Paths go into the file unquoted, so the
// scratch directory must not contain characters the config parser treats specially.
func (c dovecotConfig) render() (string, error) {
	if strings.ContainsAny(c.Dir, " \t\n\"'#{}<>$\\") {
		return "", fmt.Errorf("scratch directory %q contains characters dovecot.conf cannot hold unquoted; set TMPDIR to a plain path", c.Dir)
	}
	tmpl, err := template.New("dovecot.conf").Parse(dovecotTemplate)
	if err != nil {
		return "", fmt.Errorf("parse the dovecot.conf template: %w", err)
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, c); err != nil {
		return "", fmt.Errorf("render dovecot.conf: %w", err)
	}
	return b.String(), nil
}

func (c dovecotConfig) path() string { return filepath.Join(c.Dir, "dovecot.conf") }
