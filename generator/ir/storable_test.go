package ir

import (
	"reflect"
	"strings"
	"testing"
)

func TestStorable(t *testing.T) {
	if got := Storable("a\x00b\x00"); got != `a\x00b\x00` {
		t.Errorf("Storable = %q", got)
	}
	plain := map[string]any{"k": []any{"v", true}}
	if got := StorableJSON(plain); reflect.ValueOf(got).Pointer() != reflect.ValueOf(plain).Pointer() {
		t.Error("StorableJSON copied a value without NUL")
	}
	got := StorableJSON(map[string]any{"k\x00": []any{"v\x00", nil}, "n": "x"})
	want := map[string]any{`k\x00`: []any{`v\x00`, nil}, "n": "x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("StorableJSON = %#v, want %#v", got, want)
	}
}

// notText are the Schema fields that hold no contract text (identity,
// positions, decided Go names, type names and number literals), which
// StorableSchemas keeps as they are.
var notText = map[string]bool{
	"URL": true, "Pointer": true, "GoName": true, "NameFrom": true, "Types": true,
	"Minimum": true, "Maximum": true, "ExclusiveMinimum": true, "ExclusiveMaximum": true, "MultipleOf": true,
	"GoEnum": true, "GoBranches": true, "Pos": true, "RequiredPos": true,
}

// fillText sets every text field of the struct v points to (a Schema,
// Property, PatternProperty, Dependency or Keyword) to a value holding a
// NUL; subschemas get child.
func fillText(v reflect.Value, child *Schema) {
	v = v.Elem()
	nul := "t\x00"
	for i := 0; i < v.NumField(); i++ {
		f, sf := v.Field(i), v.Type().Field(i)
		if !sf.IsExported() || notText[sf.Name] {
			continue
		}
		switch sf.Type {
		case reflect.TypeOf(""):
			f.SetString(nul)
		case reflect.TypeOf([]string(nil)):
			f.Set(reflect.ValueOf([]string{nul}))
		case reflect.TypeOf((*any)(nil)).Elem():
			f.Set(reflect.ValueOf(map[string]any{nul: []any{nul}}))
		case reflect.TypeOf([]any(nil)):
			f.Set(reflect.ValueOf([]any{nul}))
		case reflect.TypeOf((*Schema)(nil)):
			f.Set(reflect.ValueOf(child))
		case reflect.TypeOf([]*Schema(nil)):
			f.Set(reflect.ValueOf([]*Schema{child}))
		case reflect.TypeOf([]Keyword(nil)):
			k := &Keyword{}
			fillText(reflect.ValueOf(k), child)
			f.Set(reflect.ValueOf([]Keyword{*k}))
		case reflect.TypeOf([]*Property(nil)):
			p := &Property{}
			fillText(reflect.ValueOf(p), child)
			f.Set(reflect.ValueOf([]*Property{p}))
		case reflect.TypeOf([]*PatternProperty(nil)):
			p := &PatternProperty{}
			fillText(reflect.ValueOf(p), child)
			f.Set(reflect.ValueOf([]*PatternProperty{p}))
		case reflect.TypeOf([]*Dependency(nil)):
			d := &Dependency{}
			fillText(reflect.ValueOf(d), child)
			f.Set(reflect.ValueOf([]*Dependency{d}))
		}
	}
}

// textWithNUL lists where a text field under v still holds a NUL.
func textWithNUL(v reflect.Value, path string, seen map[uintptr]bool, out *[]string) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		textWithNUL(v.Elem(), path, seen, out)
	case reflect.Interface:
		if !v.IsNil() {
			textWithNUL(v.Elem(), path, seen, out)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if sf := v.Type().Field(i); sf.IsExported() && !notText[sf.Name] {
				textWithNUL(v.Field(i), path+"."+sf.Name, seen, out)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			textWithNUL(v.Index(i), path, seen, out)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			textWithNUL(k, path+"[key]", seen, out)
			textWithNUL(v.MapIndex(k), path, seen, out)
		}
	case reflect.String:
		if strings.Contains(v.String(), "\x00") {
			*out = append(*out, path)
		}
	}
}

// TestStorableSchemasEveryText: every text field of a schema (found by
// reflection, so a field added later is covered or must be listed in
// notText) is mapped by the copy and seen by HasNUL; the original is
// untouched, and shared schemas and cycles stay shared.
func TestStorableSchemasEveryText(t *testing.T) {
	root, child := &Schema{}, &Schema{}
	fillText(reflect.ValueOf(root), child)
	child.Not = root // a cycle
	child.Items = child
	if !HasNUL(root) {
		t.Fatal("HasNUL found no NUL")
	}
	var copies StorableSchemas
	cp := copies.Copy(root)
	var left []string
	textWithNUL(reflect.ValueOf(cp), "schema", map[uintptr]bool{}, &left)
	if len(left) > 0 {
		t.Errorf("the copy still holds NULs at %v", left)
	}
	if HasNUL(cp) {
		t.Error("HasNUL finds a NUL in the copy")
	}
	var orig []string
	textWithNUL(reflect.ValueOf(root), "schema", map[uintptr]bool{}, &orig)
	if len(orig) == 0 {
		t.Error("the original lost its NULs")
	}
	if cp == root || cp.Not == child || cp.Not.Not != cp || cp.Not.Items != cp.Not || cp.Properties[0].Schema != cp.Not {
		t.Error("the copy does not keep the graph's sharing and cycles")
	}
	if copies.Copy(child) != cp.Not {
		t.Error("a second Copy does not reuse the first's copies")
	}
	if cp.Description != `t\x00` {
		t.Errorf("Description = %q", cp.Description)
	}
	if HasNUL(&Schema{Description: "plain", Properties: []*Property{{Name: "a", Schema: &Schema{}}}}) {
		t.Error("HasNUL reports a schema without NUL")
	}
}
