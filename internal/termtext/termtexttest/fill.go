package termtexttest

import (
	"errors"
	"reflect"
)

var (
	stringType = reflect.TypeFor[string]()
	errorType  = reflect.TypeFor[error]()
)

// Fill puts s into every string reachable from ptr: exported fields of type
// string, []byte and error in nested structs, slices, arrays, maps and
// pointers. An empty slice gets one element, a nil map one entry keyed s, a
// nil pointer a new value and a nil error errors.New(s), so fields added
// later are reached too. Every bool becomes flag, to reach the branches on
// either side. Named string types are left alone: they are closed
// vocabularies (kinds, steps, sources) that the code itself chooses.
func Fill(ptr any, s string, flag bool) {
	v := reflect.ValueOf(ptr)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		panic("termtexttest.Fill needs a non-nil pointer")
	}
	f := filler{s: s, flag: flag, path: map[reflect.Type]bool{}}
	f.fill(v.Elem())
}

// Filled is a copy of base with Fill applied, for building a renderer's input
// in one expression.
func Filled[T any](base T, s string, flag bool) T {
	Fill(&base, s, flag)
	return base
}

type filler struct {
	s    string
	flag bool
	// path holds the pointer types being filled, so a type that refers to
	// itself gets no new value below its own.
	path map[reflect.Type]bool
}

func (f *filler) fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.Type() == stringType {
			v.SetString(f.s)
		}
	case reflect.Bool:
		v.SetBool(f.flag)
	case reflect.Struct:
		f.fillStruct(v)
	case reflect.Pointer:
		f.fillPointer(v)
	case reflect.Slice:
		f.fillSlice(v)
	case reflect.Array:
		for i := range v.Len() {
			f.fill(v.Index(i))
		}
	case reflect.Map:
		f.fillMap(v)
	case reflect.Interface:
		f.fillInterface(v)
	}
}

func (f *filler) fillStruct(v reflect.Value) {
	for i := range v.NumField() {
		if v.Type().Field(i).IsExported() {
			f.fill(v.Field(i))
		}
	}
}

func (f *filler) fillPointer(v reflect.Value) {
	t := v.Type()
	if f.path[t] {
		return
	}
	if v.IsNil() {
		v.Set(reflect.New(t.Elem()))
	}
	f.path[t] = true
	f.fill(v.Elem())
	delete(f.path, t)
}

func (f *filler) fillSlice(v reflect.Value) {
	if v.Type().Elem().Kind() == reflect.Uint8 {
		v.SetBytes([]byte(f.s))
		return
	}
	if v.Len() == 0 {
		v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
	}
	for i := range v.Len() {
		f.fill(v.Index(i))
	}
}

func (f *filler) fillMap(v reflect.Value) {
	t := v.Type()
	if v.IsNil() {
		v.Set(reflect.MakeMap(t))
	}
	if t.Key() == stringType {
		v.SetMapIndex(reflect.ValueOf(f.s), reflect.New(t.Elem()).Elem())
	}
	for _, k := range v.MapKeys() {
		e := reflect.New(t.Elem()).Elem()
		e.Set(v.MapIndex(k))
		f.fill(e)
		v.SetMapIndex(k, e)
	}
}

// fillInterface gives a nil error the hostile text and fills what a non-nil
// interface points to.
func (f *filler) fillInterface(v reflect.Value) {
	if v.IsNil() {
		if v.Type() == errorType {
			v.Set(reflect.ValueOf(errors.New(f.s)))
		}
		return
	}
	if e := v.Elem(); e.Kind() == reflect.Pointer && !e.IsNil() {
		f.fillPointer(e)
	}
}
