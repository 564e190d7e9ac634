package generator

import "regexp"

func mustRegexp(s, fallback string) *regexp.Regexp {
	if re, err := regexp.Compile(s); err == nil {
		return re
	}
	return regexp.MustCompile(fallback)
}
