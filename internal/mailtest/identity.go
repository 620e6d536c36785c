package mailtest

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
)

// identity says which accounts Dovecot's processes run as. As root Dovecot
// uses its normal privilege separation (dovecot/dovenull) and mail processes
// run as nobody; without root everything runs as the current user.
type identity struct {
	root                bool
	loginUser, group    string // rootless: the current user and its primary group
	mailUser, mailGroup string // mail_uid / mail_gid
	mailUID, mailGID    int    // owner of the Maildirs
	usersFileGID        int    // group that may read the users file (-1: leave as is)
}

func currentIdentity() (identity, error) {
	if os.Geteuid() == 0 {
		return rootIdentity(), nil
	}
	return rootlessIdentity()
}

func rootIdentity() identity {
	id := identity{root: true, mailUser: "nobody", mailGroup: "nogroup", mailUID: 65534, mailGID: 65534, usersFileGID: -1}
	if u, err := user.Lookup("nobody"); err == nil {
		id.mailUID, _ = strconv.Atoi(u.Uid)
	}
	if g, err := user.LookupGroup("nogroup"); err == nil {
		id.mailGID, _ = strconv.Atoi(g.Gid)
	}
	if g, err := user.LookupGroup("dovecot"); err == nil {
		id.usersFileGID, _ = strconv.Atoi(g.Gid)
	}
	return id
}

func rootlessIdentity() (identity, error) {
	u, err := user.Current()
	if err != nil {
		return identity{}, fmt.Errorf("look up the current user (Dovecot needs a user name to run as): %w", err)
	}
	g, err := user.LookupGroupId(u.Gid)
	if err != nil {
		return identity{}, fmt.Errorf("look up group %s of user %s: %w", u.Gid, u.Username, err)
	}
	return identity{
		loginUser: u.Username, group: g.Name,
		mailUser: u.Username, mailGroup: g.Name,
		mailUID: os.Geteuid(), mailGID: os.Getegid(), usersFileGID: -1,
	}, nil
}

// chownMail gives path to the mail user (a no-op without root).
func (id identity) chownMail(path string) error {
	if !id.root {
		return nil
	}
	if err := os.Lchown(path, id.mailUID, id.mailGID); err != nil {
		return fmt.Errorf("chown %s to the mail user: %w", path, err)
	}
	return nil
}
