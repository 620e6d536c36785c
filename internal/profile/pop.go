package profile

// POPOptions are the choices a POP3 user must make about mail left on the server.
type POPOptions struct {
	// LeaveOnServer keeps a copy of each message on the server after download.
	// Default true: a user who reads mail on two devices loses mail otherwise.
	LeaveOnServer bool `toml:"leave_on_server" json:"leave_on_server"`
	// KeepDays removes server copies older than this many days; 0 keeps them forever.
	KeepDays int `toml:"keep_days" json:"keep_days"`
	// DeleteWhenDeleted removes the server copy when the message is deleted locally.
	DeleteWhenDeleted bool `toml:"delete_when_deleted" json:"delete_when_deleted"`
	// CheckIntervalMinutes is how often the client polls; 0 means the client's default.
	CheckIntervalMinutes int `toml:"check_interval_minutes" json:"check_interval_minutes"`
}

// DefaultPOPOptions are the defaults setupwiz proposes.
func DefaultPOPOptions() POPOptions {
	return POPOptions{LeaveOnServer: true, KeepDays: 0, DeleteWhenDeleted: false, CheckIntervalMinutes: 10}
}

func (o POPOptions) validate(errs *FieldErrors) {
	if o.KeepDays < 0 || o.KeepDays > 3650 {
		errs.add("pop.keep_days", "must be between 0 (forever) and 3650")
	}
	if o.CheckIntervalMinutes < 0 || o.CheckIntervalMinutes > 1440 {
		errs.add("pop.check_interval_minutes", "must be between 0 and 1440")
	}
	if !o.LeaveOnServer && (o.KeepDays > 0 || o.DeleteWhenDeleted) {
		errs.add("pop.leave_on_server", "keep_days and delete_when_deleted need leave_on_server")
	}
}
