// Package discover turns an email address into ranked POP3 and SMTP server
// candidates, each with its provenance (preset, provider autoconfig, ISPDB,
// DNS SRV, MX, guess), whether the path it came over was authenticated, and
// the provider's policy notes (POP must be enabled, app password required,
// POP not offered at all).
//
// Sources, in fixed priority order:
//
//  1. presets: an embedded table of consumer providers (providers/*.toml);
//  2. provider autoconfig: config-v1.1.xml at https://autoconfig.<domain>/ and
//     https://<domain>/.well-known/ (Thunderbird's format; plain HTTP only on request);
//  3. the ISPDB (Thunderbird's database, https://autoconfig.thunderbird.net/v1.1/);
//  4. DNS SRV records (RFC 6186, RFC 8314), selected per RFC 2782;
//  5. MX: the mail host's provider, and autoconfig/ISPDB for its parent domain
//     and then its registrable domain (Thunderbird's order);
//  6. guessing: common host names × ports, each probed with a real protocol
//     exchange (greeting and CAPA/EHLO, certificate checked) via verify.Probe.
//
// All sources start at once. A service's answer is final as soon as every
// higher-priority source has finished; the rest are cancelled. One total
// deadline bounds the run, so a source that never answers cannot delay an
// answer that is already in. A preset that answers both services is final
// before anything touches the network (see Discover).
//
// Everything external (resolver, HTTP client, dialer, base URLs) is injected.
package discover
