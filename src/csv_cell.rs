//! CSV cells that a spreadsheet would run. Excel, LibreOffice and Google Sheets read a cell
//! that starts with `=`, `+`, `-` or `@` as a formula (and tab or carriage return can hide
//! such a start), so a label from a hostile dataset could compute, fetch or link on the
//! reader's machine when they open the download. As OWASP recommends (CSV Injection), such a
//! cell gets a leading apostrophe: the spreadsheet shows the text, the apostrophe hidden.

use std::borrow::Cow;

/// Characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` as text a spreadsheet will not evaluate: unchanged unless it starts with one of
/// [`FORMULA_STARTS`], then with `'` before it. Quoting for CSV comes after.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_an_apostrophe() {
        for (cell, safe) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
        ] {
            assert_eq!(neutralise(cell), safe);
        }
    }

    #[test]
    fn other_cells_are_untouched() {
        for cell in [
            "",
            "plain",
            "22200000000",
            "more than $22.2 billion",
            " =1",
            "a=b",
            "'x",
        ] {
            assert!(
                matches!(neutralise(cell), Cow::Borrowed(c) if c == cell),
                "{cell:?}"
            );
        }
    }
}
