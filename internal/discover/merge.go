package discover

// merge builds the Result from the finished jobs: per service, the
// highest-priority source that answered decides and its candidates come
// first; candidates of lower-priority sources that also finished follow as
// alternatives, without duplicates. A "POP not offered" answer from the
// deciding source is final: no guessed POP3 server is added after it.
func merge(res *Result, finished []*outcome, jobs []job) {
	popWinner, smtpWinner := -1, -1
	for _, o := range finished {
		popWinner = mergeService(res, o, true, popWinner)
		smtpWinner = mergeService(res, o, false, smtpWinner)
	}
	switch {
	case popWinner >= 0:
		res.Winner = jobs[popWinner].Source
	case smtpWinner >= 0:
		res.Winner = jobs[smtpWinner].Source
	}
	res.Provider = providerName(finished, popWinner, smtpWinner)
}

// mergeService adds o's candidates for one service and returns the winner index.
func mergeService(res *Result, o *outcome, pop bool, winner int) int {
	r := &o.Result
	if !r.answers(pop) {
		return winner
	}
	if winner >= 0 && pop && res.POPNotOffered {
		return winner
	}
	if winner < 0 {
		winner = o.Index
		res.Notes = appendNotes(res.Notes, r.Notes...)
		if pop && r.POPNotOffered && len(r.POP3) == 0 {
			res.POPNotOffered = true
			return winner
		}
	}
	if pop {
		res.POP3 = appendUnique(res.POP3, r.POP3...)
	} else {
		res.SMTP = appendUnique(res.SMTP, r.SMTP...)
	}
	return winner
}

// providerName prefers the deciding source's name, then any source's.
func providerName(finished []*outcome, winners ...int) string {
	for _, w := range winners {
		for _, o := range finished {
			if o.Index == w && o.Result.Provider != "" {
				return o.Result.Provider
			}
		}
	}
	for _, o := range finished {
		if o.Result.Provider != "" {
			return o.Result.Provider
		}
	}
	return ""
}
