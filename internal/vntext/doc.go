// Package vntext holds the Vietnamese text primitives every stage shares:
// NFC normalisation, diacritic folding ("đảng" → "dang") and URL slugs.
//
// Fold is the single definition of "the same letters without diacritics";
// slugs, heading ids and (later) search analysis all derive from it.
package vntext
