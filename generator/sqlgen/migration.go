package sqlgen

import (
	"fmt"
	"regexp"
	"time"
)

// migrationStamp is the timestamp layout of migration file names (UTC).
const migrationStamp = "20060102150405"

var (
	migrationName   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$`)
	migrationPrefix = regexp.MustCompile(`^([0-9]{14})_`)
)

// CheckMigrationName refuses names that cannot be part of a migration file
// name: letters, digits, _ and -, starting with a letter or digit.
func CheckMigrationName(name string) error {
	if !migrationName.MatchString(name) {
		return fmt.Errorf("migration name %q: use letters, digits, _ and - (at most 100), starting with a letter or digit, such as add_orders", name)
	}
	return nil
}

// MigrationFileName names a new migration among the existing file names of
// a migrations directory: YYYYMMDDHHMMSS_name.sql, at now (UTC), or one
// second after the newest existing migration when that is not older than
// now, even when it lies in the future. The result sorts after every
// existing migration and never equals one.
func MigrationFileName(existing []string, name string, now time.Time) (string, error) {
	if err := CheckMigrationName(name); err != nil {
		return "", err
	}
	at := now.UTC().Truncate(time.Second)
	for _, f := range existing {
		m := migrationPrefix.FindStringSubmatch(f)
		if m == nil {
			continue
		}
		t, err := time.ParseInLocation(migrationStamp, m[1], time.UTC)
		if err != nil {
			return "", fmt.Errorf("existing migration %s: %q is not a YYYYMMDDHHMMSS timestamp", f, m[1])
		}
		if !t.Before(at) {
			at = t.Add(time.Second)
		}
	}
	if at.Year() > 9999 {
		return "", fmt.Errorf("no timestamp after the newest migration fits YYYYMMDDHHMMSS")
	}
	return at.Format(migrationStamp) + "_" + name + ".sql", nil
}
