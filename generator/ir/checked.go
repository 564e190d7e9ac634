package ir

// Checked is a message schema that lint validates, with the message
// examples' values for it, although no generated code uses it: the headers
// of every event, and the payload and headers of a component message (or
// message trait) that no channel carries. Lower finds them after every
// name is decided, so they never change a Go or SQL name.
type Checked struct {
	Schema *Schema
	// Part is "payload" or "headers".
	Part string
	// Owner names the message in diagnostics: `event "user.created"`,
	// `message "UserCreated"`, `message trait "CommonHeaders"`.
	Owner string
	// Examples are the values the message's examples give for Part.
	Examples []Example
}
