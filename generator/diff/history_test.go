package diff_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/asyncgen/asyncgen/generator"
	"github.com/asyncgen/asyncgen/generator/baseline"
	"github.com/asyncgen/asyncgen/generator/config"
	"github.com/asyncgen/asyncgen/generator/diff"
)

// edit replaces old, which must occur exactly once in file, with new; an
// empty old appends new.
type edit struct{ file, old, new string }

// historyStep is one commit of a team's contracts: what they changed and
// what diff must say about it.
type historyStep struct {
	commit string
	edits  []edit
	// want lists the findings as "severity rule ×count", sorted.
	want []string
	bump diff.Bump
	// fails: the run exits 1 (an error finding).
	fails bool
}

// history is twelve consecutive changes of a copy of contracts/
// (testdata/diff-history/base, version 1 of the history), written the way
// teams change contracts: wording, refactors that keep every schema's
// meaning, new events, enum widening, a deprecation, one real breaking
// change, an open enum.
var history = []historyStep{
	{
		commit: "docs: reword a summary and a property description",
		edits: []edit{
			{"platform/domains/user.yaml", "summary: A person created an account in an organization.", "summary: A person created an account in a tenant organization."},
			{"platform/domains/user.yaml", "description: Identifier of the new user; also the stream id.", "description: Identifier of the new user, which is also the stream id."},
		},
		want: []string{"info annotation-changed ×1", "info payload-annotation-changed ×1"},
		bump: diff.BumpPatch,
	},
	{
		commit: "refactor: extract the sign-up method enum, describe role grants through allOf, name the role scope once",
		edits: []edit{
			{"platform/components/enums.yaml", "", "\nSignupMethod:\n  type: string\n  enum: [password, google_sso, microsoft_sso, saml, invitation]\n"},
			{"platform/domains/user.yaml", "      signup_method:\n        type: string\n        enum: [password, google_sso, microsoft_sso, saml, invitation]\n",
				"      signup_method:\n        $ref: '../components/enums.yaml#/SignupMethod'\n"},
			{"platform/domains/user.yaml", "    required: [org_id, user_id, role, scope, assigned_by, assigned_at]\n    properties:\n      org_id:\n        type: string\n        format: uuid\n      user_id:\n        type: string\n        format: uuid\n      role:\n        $ref: '../components/enums.yaml#/Role'\n      scope:\n        $ref: '#/schemas/RoleScope'\n",
				"    required: [org_id, user_id, role, scope, assigned_by, assigned_at]\n    properties:\n      org_id:\n        type: string\n        format: uuid\n      user_id:\n        type: string\n        format: uuid\n      role:\n        allOf:\n          - $ref: '../components/enums.yaml#/Role'\n          - description: The role this grant gives.\n      scope:\n        allOf:\n          - $ref: '#/schemas/RoleScope'\n"},
		},
		want: []string{"info payload-annotation-changed ×1"},
		bump: diff.BumpPatch,
	},
	{
		commit: "feat: user.password_reset_requested",
		edits: []edit{
			{"platform/asyncapi.yaml", "  version: 3.2.0", "  version: 3.3.0"},
			{"platform/asyncapi.yaml", "          - $ref: './domains/user.yaml#/messages/UserReactivated'\n",
				"          - $ref: './domains/user.yaml#/messages/UserReactivated'\n          - $ref: './domains/user.yaml#/messages/UserPasswordResetRequested'\n"},
			{"platform/domains/user.yaml", "\nschemas:\n", `
  UserPasswordResetRequested:
    name: user.password_reset_requested
    title: User password reset requested
    summary: The user asked for a password reset link.
    contentType: application/json
    tags:
      - name: user
    payload:
      type: object
      additionalProperties: false
      required: [stream_id, stream_type, event_type, event_data, event_metadata]
      properties:
        stream_id: {type: string, format: uuid}
        stream_type: {type: string, const: user}
        event_type: {type: string, const: user.password_reset_requested}
        event_data: {$ref: '#/schemas/UserPasswordResetRequestedData'}
        event_metadata: {$ref: '../components/metadata.yaml#/EventMetadata'}
    examples:
      - name: forgot_password
        payload:
          stream_id: '4164571c-8fda-49a1-88eb-bc223d45a944'
          stream_type: user
          event_type: user.password_reset_requested
          event_data:
            org_id: '7c94fedd-a5bc-4777-97c4-abdab7a51570'
            user_id: '4164571c-8fda-49a1-88eb-bc223d45a944'
            requested_at: '2026-05-02T08:15:00Z'
          event_metadata:
            user_id: '4164571c-8fda-49a1-88eb-bc223d45a944'

schemas:
  UserPasswordResetRequestedData:
    type: object
    additionalProperties: false
    required: [org_id, user_id, requested_at]
    properties:
      org_id:
        type: string
        format: uuid
      user_id:
        type: string
        format: uuid
      requested_at:
        type: string
        format: date-time
`},
		},
		want: []string{"info message-added ×1"},
		bump: diff.BumpMinor,
	},
	{
		commit: "feat: bill in Norwegian kroner (info.version forgotten)",
		edits: []edit{
			{"platform/components/enums.yaml", "enum: [EUR, USD, GBP, CHF, SEK, JPY]", "enum: [EUR, USD, GBP, CHF, SEK, JPY, NOK]"},
		},
		want: []string{"info payload-enum-value-added ×13", "warning version-bump-insufficient ×1"},
		bump: diff.BumpMinor,
	},
	{
		commit: "style: nullable spelled as type lists, one-value enums as const",
		edits: []edit{
			{"platform/domains/user.yaml", "      job_title:\n        type: string\n        maxLength: 120\n        nullable: true\n", "      job_title:\n        type: [string, 'null']\n        maxLength: 120\n"},
			{"platform/domains/user.yaml", "      avatar_url:\n        type: string\n        format: uri\n        nullable: true\n", "      avatar_url:\n        type: [string, 'null']\n        format: uri\n"},
			{"platform/domains/user.yaml", "        stream_type: {type: string, const: user}\n        event_type: {type: string, const: user.registered}\n", "        stream_type: {type: [string], enum: [user]}\n        event_type: {type: string, enum: [user.registered]}\n"},
		},
		bump: diff.BumpNone,
	},
	{
		commit: "feat: pronouns on profile updates",
		edits: []edit{
			{"platform/asyncapi.yaml", "  version: 3.3.0", "  version: 3.4.0"},
			{"platform/domains/user.yaml", "      timezone:\n        type: string\n        description: IANA time zone name.\n",
				"      pronouns:\n        type: string\n        maxLength: 40\n      timezone:\n        type: string\n        description: IANA time zone name.\n"},
		},
		want: []string{"info payload-property-added-to-closed-model ×1"},
		bump: diff.BumpMinor,
	},
	{
		commit: "chore: deprecate the marketing opt-in and announce the end of user.reactivated",
		edits: []edit{
			{"platform/asyncapi.yaml", "  version: 3.4.0", "  version: 3.5.0"},
			{"platform/domains/user.yaml", "        description: Consent to product newsletters, collected at sign-up.\n", "        description: Consent to product newsletters, collected at sign-up.\n        deprecated: true\n"},
			{"platform/domains/user.yaml", "  UserReactivated:\n", "  UserReactivated:\n    x-sunset: '2027-01-01'\n"},
		},
		want: []string{"info deprecation-changed ×1", "info payload-deprecation-changed ×1"},
		bump: diff.BumpMinor,
	},
	{
		commit: "feat!: stop supporting the Japanese locale",
		edits: []edit{
			{"platform/asyncapi.yaml", "  version: 3.5.0", "  version: 4.0.0"},
			{"platform/components/enums.yaml", "enum: [en-US, en-GB, de-DE, fr-FR, es-ES, ja-JP]", "enum: [en-US, en-GB, de-DE, fr-FR, es-ES]"},
		},
		want:  []string{"error payload-enum-value-removed ×3"},
		bump:  diff.BumpMajor,
		fails: true,
	},
	{
		commit: "feat: organization.merged",
		edits: []edit{
			{"organization.yaml", "  version: 1.4.0", "  version: 1.5.0"},
			{"organization.yaml", "  organization.deleted:\n", `  organization.merged:
    description: The organization was merged into another one.
    subscribe:
      operationId: publishOrganizationMerged
      summary: Announce that an organization was merged.
      message:
        $ref: '#/components/messages/OrganizationMerged'
  organization.deleted:
`},
			{"organization.yaml", "    OrganizationDeleted:\n", `    OrganizationMerged:
      title: Organization merged
      summary: The organization was merged into another one.
      contentType: application/json
      x-stream-type: organization
      x-projection:
        tenant: organization_id
      payload:
        $ref: '#/components/schemas/OrganizationMergedData'
      examples:
        - name: acquisition
          payload:
            organization_id: '98ee63b9-3e52-486e-8692-6e7c7cda80a7'
            merged_into: '7c94fedd-a5bc-4777-97c4-abdab7a51570'
            merged_at: '2026-09-01T16:20:00Z'

    OrganizationDeleted:
`},
			{"organization.yaml", "    OrganizationDeletedData:\n", `    OrganizationMergedData:
      type: object
      additionalProperties: false
      required: [organization_id, merged_into, merged_at]
      properties:
        organization_id:
          $ref: '#/components/schemas/OrganizationId'
        merged_into:
          $ref: '#/components/schemas/OrganizationId'
        merged_at:
          type: string
          format: date-time

    OrganizationDeletedData:
`},
		},
		want: []string{"info channel-added ×1"},
		bump: diff.BumpMinor,
	},
	{
		commit: "refactor: the role scope moves to the shared enums",
		edits: []edit{
			{"platform/domains/user.yaml", "  RoleScope:\n    type: string\n    description: What a role grant applies to.\n    enum: [organization, organization_unit, project]\n    default: organization\n\n", ""},
			{"platform/components/enums.yaml", "", "\nRoleScope:\n  type: string\n  description: What a role grant applies to.\n  enum: [organization, organization_unit, project]\n  default: organization\n"},
			{"platform/domains/user.yaml", "          - $ref: '#/schemas/RoleScope'\n", "          - $ref: '../components/enums.yaml#/RoleScope'\n"},
			{"platform/domains/user.yaml", "      scope:\n        $ref: '#/schemas/RoleScope'\n", "      scope:\n        $ref: '../components/enums.yaml#/RoleScope'\n"},
		},
		bump: diff.BumpNone,
	},
	{
		commit: "feat: say which channel a notification was sent on (an open enum)",
		edits: []edit{
			{"platform/asyncapi.yaml", "  version: 4.0.0", "  version: 4.1.0"},
			{"platform/domains/notification.yaml", "      provider:\n        type: string\n        enum: [ses, sendgrid, twilio, fcm, apns]\n",
				"      provider:\n        type: string\n        enum: [ses, sendgrid, twilio, fcm, apns]\n      channel:\n        type: string\n        description: Delivery channel; consumers must accept channels they do not know.\n        x-extensible-enum: [email, sms]\n"},
		},
		want: []string{"info payload-property-added-to-closed-model ×1"},
		bump: diff.BumpMinor,
	},
	{
		commit: "feat: push notifications",
		edits: []edit{
			{"platform/asyncapi.yaml", "  version: 4.1.0", "  version: 4.2.0"},
			{"platform/domains/notification.yaml", "x-extensible-enum: [email, sms]", "x-extensible-enum: [email, sms, push]"},
		},
		want: []string{"info payload-open-enum-value-added ×1"},
		bump: diff.BumpMinor,
	},
}

// TestHistoryReplay replays the history: each version must lint cleanly
// (a team would commit it), and the diff against the previous version must
// give exactly the expected findings, bump and outcome; with --mode full,
// the open enum's new value stays compatible.
func TestHistoryReplay(t *testing.T) {
	if len(history) < 9 {
		t.Fatal("the history needs at least 10 versions")
	}
	root := t.TempDir()
	prev := filepath.Join(root, "v01")
	copyTree(t, filepath.Join("..", "..", "testdata", "diff-history", "base"), prev)
	lintClean(t, prev)
	for i, step := range history {
		dir := filepath.Join(root, fmt.Sprintf("v%02d", i+2))
		copyTree(t, prev, dir)
		for _, e := range step.edits {
			apply(t, dir, e)
		}
		lintClean(t, dir)
		old, err := baseline.LoadDir(prev, "previous", root, nil)
		if err != nil {
			t.Fatal(err)
		}
		cur, err := baseline.LoadDir(dir, "new", root, nil)
		if err != nil {
			t.Fatal(err)
		}
		r := diff.Compare([]*diff.Side{old}, cur, diff.Options{Mode: diff.DefaultMode})
		if got := summarize(r); strings.Join(got, "\n") != strings.Join(step.want, "\n") || r.Bump != step.bump || (r.Count(diff.Error) > 0) != step.fails {
			var lines []string
			for _, f := range r.Findings {
				lines = append(lines, f.Line())
			}
			t.Errorf("v%02d %q: bump %s, fails %v, findings %q; want bump %s, fails %v, %q\n%s",
				i+2, step.commit, r.Bump, r.Count(diff.Error) > 0, got, step.bump, step.fails, step.want, strings.Join(lines, "\n"))
		}
		prev = dir
	}
}

func summarize(r *diff.Report) []string {
	count := map[string]int{}
	for _, f := range r.Findings {
		count[f.Severity.String()+" "+f.Rule]++
	}
	var out []string
	for k, n := range count {
		out = append(out, fmt.Sprintf("%s ×%d", k, n))
	}
	sort.Strings(out)
	return out
}

func apply(t *testing.T, dir string, e edit) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(e.file))
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	switch n := strings.Count(s, e.old); {
	case e.old == "":
		s += e.new
	case n != 1:
		t.Fatalf("%s: %q occurs %d times", e.file, e.old, n)
	default:
		s = strings.Replace(s, e.old, e.new, 1)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lintClean lints a version with every rule on.
func lintClean(t *testing.T, dir string) {
	t.Helper()
	cfg := config.Default(dir)
	cfg.Contracts = dir
	res, err := generator.Lint(generator.Options{Config: cfg, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("%s does not lint: %v", filepath.Base(dir), res.Diagnostics)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
